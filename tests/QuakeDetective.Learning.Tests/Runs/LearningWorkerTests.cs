using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuakeDetective.Core.Domain;
using QuakeDetective.Learning.Registry;
using QuakeDetective.Learning.Runs;
using QuakeDetective.Learning.Tests.Data;

namespace QuakeDetective.Learning.Tests.Runs;

public sealed class LearningWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private LearningDatabase _db = null!;
    private Campaign _campaign = null!;

    public async Task InitializeAsync()
    {
        _db = await LearningDatabase.CreateAsync();
        _campaign = await _db.SeedCampaignAsync("worker", perClass: 8);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private LearningWorker Worker => _db.Services.GetServices<IHostedService>().OfType<LearningWorker>().Single();

    private Task<TrainingProgress> WaitForAsync(Func<TrainingProgress, bool> predicate)
    {
        var done = new TaskCompletionSource<TrainingProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        _db.Get<TrainingNotifier>().Changed += p =>
        {
            if (predicate(p))
            {
                done.TrySetResult(p);
            }
        };
        return done.Task.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Restart_RunningRun_MarkedInterrupted_CurrentModelKeepsServing()
    {
        var model = await _db.Get<TrainingPipeline>().RunAsync(_campaign.Id, new TrainingRunSettings { MinLabelsPerClass = 4 }, null, CancellationToken.None);
        await _db.Get<ModelRegistry>().PromoteAsync(model.ModelVersion.Id, CancellationToken.None);
        long runId;
        await using (var db = await _db.DbAsync())
        {
            var run = new TrainingRun { CampaignId = _campaign.Id, Status = TrainingRunStatus.Running, Stage = "computing features", Percent = 30, CreatedAt = DateTime.UtcNow };
            db.TrainingRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        await Worker.RecoverAsync(CancellationToken.None);

        await using var check = await _db.DbAsync();
        var stored = await check.TrainingRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal(TrainingRunStatus.Interrupted, stored.Status);
        Assert.Contains("current model kept serving", stored.Message, StringComparison.Ordinal);
        Assert.Equal(model.ModelVersion.Id, (await _db.Get<ModelRegistry>().GetCurrentAsync(_campaign.Id, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task QueuedRun_Worker_TrainsThenPromotionRefreshesPriorities()
    {
        var service = _db.Get<LearningService>();
        var worker = Worker;
        var finished = WaitForAsync(p => p.RunId != 0 && p.Status is TrainingRunStatus.Succeeded or TrainingRunStatus.Failed);
        var running = WaitForAsync(p => p.RunId != 0 && p.Status == TrainingRunStatus.Running && p.Percent > 0);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var run = await service.StartTrainingAsync(_campaign.Id, new TrainingRunSettings { MinLabelsPerClass = 4 }, null, CancellationToken.None);

            await running;
            var result = await finished;

            Assert.Equal(TrainingRunStatus.Succeeded, result.Status);
            var stored = (await service.GetRunAsync(run.Id, CancellationToken.None))!;
            Assert.Equal(TrainingRunStatus.Succeeded, stored.Status);
            Assert.Equal(100, stored.Percent);
            Assert.NotNull(stored.ModelVersionId);
            Assert.Contains("accuracy", stored.Message, StringComparison.Ordinal);

            var refreshed = WaitForAsync(p => p.RunId == 0 && p.CampaignId == _campaign.Id && p.Status == TrainingRunStatus.Succeeded);
            await service.PromoteAsync(stored.ModelVersionId!.Value, CancellationToken.None);
            await refreshed;
            await using var db = await _db.DbAsync();
            Assert.Equal(0, await db.Subjects.CountAsync(s => s.CampaignId == _campaign.Id && s.Priority == null));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task QueuedRun_CancelledBeforeStart_NeverRuns()
    {
        var service = _db.Get<LearningService>();
        var run = await service.StartTrainingAsync(_campaign.Id, new TrainingRunSettings(), null, CancellationToken.None);

        Assert.True(await service.CancelAsync(run.Id, CancellationToken.None));
        Assert.False(await service.CancelAsync(run.Id, CancellationToken.None));
        Assert.Equal(TrainingRunStatus.Cancelled, (await service.GetRunAsync(run.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TooFewLabels_RunFailsWithMessageNamingClass()
    {
        var service = _db.Get<LearningService>();
        var worker = Worker;
        var finished = WaitForAsync(p => p.RunId != 0 && p.Status is TrainingRunStatus.Succeeded or TrainingRunStatus.Failed);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var run = await service.StartTrainingAsync(_campaign.Id, new TrainingRunSettings { MinLabelsPerClass = 9 }, null, CancellationToken.None);
            var result = await finished;

            Assert.Equal(TrainingRunStatus.Failed, result.Status);
            var stored = (await service.GetRunAsync(run.Id, CancellationToken.None))!;
            Assert.Contains("'Earthquake' has 8", stored.Message, StringComparison.Ordinal);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Start_UnknownTrainer_Refused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            _db.Get<LearningService>().StartTrainingAsync(_campaign.Id, new TrainingRunSettings { Trainer = "xgboost" }, null, CancellationToken.None));

        Assert.Contains("xgboost", ex.Message, StringComparison.Ordinal);
    }
}
