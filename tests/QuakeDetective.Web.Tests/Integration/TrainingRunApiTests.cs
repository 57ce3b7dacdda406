using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;
using QuakeDetective.Learning.Runs;
using QuakeDetective.Seismic.Synthetic;
using QuakeDetective.Tests;
using QuakeDetective.Web.Tests.Authorization;

namespace QuakeDetective.Web.Tests.Integration;

public sealed class TrainingRunApiTests(TrainingRunApiTests.Site site) : IClassFixture<TrainingRunApiTests.Site>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Post_Anonymous_401_Volunteer_403()
    {
        var anonymous = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/training-runs", new { campaignId = site.CampaignId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Volunteer.PostAsJsonAsync("/api/training-runs", new { campaignId = site.CampaignId })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/training-runs/1")).StatusCode);
    }

    [Fact]
    public async Task Post_BadBodies_400WithMessage()
    {
        var missing = await site.Admin.PostAsJsonAsync("/api/training-runs", new { });
        var unknown = await site.Admin.PostAsJsonAsync("/api/training-runs", new { campaignId = 98765 });
        var trainer = await site.Admin.PostAsJsonAsync("/api/training-runs", new { campaignId = site.CampaignId, trainer = "xgboost" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("campaignId", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("98765", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("xgboost", await trainer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Admin.GetAsync("/api/training-runs/987654")).StatusCode);
    }

    [Fact]
    public async Task Post_ThenGet_RunTrainsAndReportsMetrics()
    {
        var finished = site.WaitForRunEnd();

        var response = await site.Admin.PostAsJsonAsync("/api/training-runs", new { campaignId = site.CampaignId, minLabelsPerClass = 4 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trainingRunId").GetInt64();
        Assert.Equal($"/api/training-runs/{runId}", response.Headers.Location?.OriginalString);
        await finished;

        var status = await site.Admin.GetFromJsonAsync<JsonElement>($"/api/training-runs/{runId}");
        Assert.Equal("Succeeded", status.GetProperty("status").GetString());
        Assert.Equal("finished", status.GetProperty("stage").GetString());
        Assert.Equal(100, status.GetProperty("percent").GetDouble());
        var metrics = status.GetProperty("metrics");
        Assert.InRange(metrics.GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.Equal(4, metrics.GetProperty("confusion").GetArrayLength());
        Assert.Equal(4, metrics.GetProperty("perClass").GetArrayLength());
        Assert.True(status.GetProperty("modelVersionId").GetInt32() > 0);
    }

    [Fact]
    public async Task Post_TooFewLabels_RunFailsNamingTheClass()
    {
        var finished = site.WaitForRunEnd();

        var response = await site.Admin.PostAsJsonAsync("/api/training-runs", new { campaignId = site.CampaignId, minLabelsPerClass = 50 });
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trainingRunId").GetInt64();
        await finished;

        var status = await site.Admin.GetFromJsonAsync<JsonElement>($"/api/training-runs/{runId}");
        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.Contains("'Tremor' has 5", status.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("metrics").ValueKind);
    }

    [Fact]
    public async Task ModelsPage_Admin_ShowsFormRunsAndVersions()
    {
        var html = await site.Admin.GetStringAsync($"/admin/models?campaign={site.CampaignId}");

        Assert.Contains("<h1>Models</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Start retraining", html, StringComparison.Ordinal);
        Assert.Contains("LightGBM boosted trees (default)", html, StringComparison.Ordinal);
        Assert.Contains("Training runs", html, StringComparison.Ordinal);
        var anonymous = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/admin/models")).StatusCode);
    }

    [Fact]
    public async Task Restart_RunLeftRunning_IsMarkedInterrupted()
    {
        long runId;
        await using (var db = await site.DbAsync())
        {
            var run = new TrainingRun { CampaignId = site.CampaignId, Status = TrainingRunStatus.Running, Stage = "computing features", Percent = 40, CreatedAt = DateTime.UtcNow };
            db.TrainingRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        // A second site on the same data folder is the restarted process.
        using var restarted = new QuakeWebFactory(site.Factory.DataFolder);
        restarted.CreateClient();
        var deadline = DateTime.UtcNow + Deadline;
        TrainingRun? stored;
        do
        {
            await using var db = await site.DbAsync();
            stored = await db.TrainingRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (stored.Status != TrainingRunStatus.Running)
            {
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(TrainingRunStatus.Interrupted, stored.Status);
        Assert.Contains("current model kept serving", stored.Message, StringComparison.Ordinal);
    }

    /// <summary>The site with a small campaign of generated subjects (5 per class, 60 s at 20 Hz) labelled by consensus rows.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public QuakeWebFactory Factory { get; } = new();

        public HttpClient Admin { get; private set; } = default!;

        public HttpClient Volunteer { get; private set; } = default!;

        public int CampaignId { get; private set; }

        public Task<QuakeDbContext> DbAsync() => Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();

        /// <summary>Completes when any training run ends (succeeds, fails or is cancelled).</summary>
        public Task WaitForRunEnd()
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var notifier = Factory.GetRequiredService<TrainingNotifier>();
            void Handler(TrainingProgress p)
            {
                if (p.RunId != 0 && p.Status is TrainingRunStatus.Succeeded or TrainingRunStatus.Failed or TrainingRunStatus.Cancelled)
                {
                    notifier.Changed -= Handler;
                    done.TrySetResult();
                }
            }

            notifier.Changed += Handler;
            return done.Task.WaitAsync(Deadline);
        }

        public async Task InitializeAsync()
        {
            const string password = "training-pass-1";
            await SignedInClient.CreateUserAsync(Factory, "trainer-admin@example.org", password, Roles.Volunteer, Roles.Admin);
            await SignedInClient.CreateUserAsync(Factory, "trainer-volunteer@example.org", password, Roles.Volunteer);
            Admin = await SignedInClient.SignInAsync(Factory, "trainer-admin@example.org", password);
            Volunteer = await SignedInClient.SignInAsync(Factory, "trainer-volunteer@example.org", password);

            var store = Factory.GetRequiredService<WaveformStore>();
            var generator = new SyntheticWaveformGenerator();
            var campaign = new Campaign { Name = "Training API test", CreatedAt = DateTime.UtcNow };
            var labels = new Dictionary<Subject, string>();
            var i = 0;
            foreach (var (trueClass, label) in new[] { (SyntheticClass.Earthquake, "Earthquake"), (SyntheticClass.Tremor, "Tremor"), (SyntheticClass.Noise, "Noise"), (SyntheticClass.NoneOfTheAbove, "None of the above") })
            {
                for (var n = 0; n < 5; n++, i++)
                {
                    var traces = generator.Generate(trueClass, 500 + i, new SyntheticOptions { DurationSeconds = 60, SampleRate = 20 }).Traces;
                    var subject = new Subject
                    {
                        Station = traces[0].Id.StationKey,
                        Channels = "BHZ,BHN,BHE",
                        WindowStart = traces[0].StartUtc,
                        WindowEnd = traces[0].StartUtc.AddSeconds(60),
                        SampleRate = 20,
                        WaveformPath = store.Save("training-test", $"training-test:{i}", traces),
                        ImportKey = $"training-test:{i}",
                        CreatedAt = DateTime.UtcNow,
                    };
                    campaign.Subjects.Add(subject);
                    labels[subject] = label;
                }
            }

            await using var db = await DbAsync();
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            foreach (var (subject, label) in labels)
            {
                db.ConsensusResults.Add(new ConsensusResult { SubjectId = subject.Id, Method = "majority", Label = label, Confidence = 0.9, Agreement = 0.9, VoteCount = 10, ComputedAt = DateTime.UtcNow });
            }

            await db.SaveChangesAsync();
            CampaignId = campaign.Id;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
