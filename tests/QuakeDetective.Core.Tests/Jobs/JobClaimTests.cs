using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Jobs;

namespace QuakeDetective.Core.Tests.Jobs;

/// <summary>Claims, heartbeats, the sweep of abandoned work and named leases, as several instances on one database see them.</summary>
public sealed class JobClaimTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Claim_EightInstancesAtOnce_ExactlyOneWinsAndOwnsTheRow()
    {
        var jobId = await AddJobAsync("export", BackgroundJobStatus.Queued, owner: null, heartbeat: null);
        var instances = Enumerable.Range(0, 8).Select(i => Claims(Identity($"i{i}"))).ToList();
        using var start = new ManualResetEventSlim();

        var attempts = instances.Select(c => Task.Run(async () =>
        {
            start.Wait();
            return await c.ClaimJobAsync(jobId, "export", CancellationToken.None);
        })).ToList();
        start.Set();

        var claims = await Task.WhenAll(attempts);

        var winners = claims.Where(c => c is not null).ToList();
        var winner = Assert.Single(winners);
        var job = await JobAsync(jobId);
        Assert.Equal((BackgroundJobStatus.Running, winner!.Owner), (job.Status, job.Owner));
        Assert.NotNull(job.HeartbeatAt);
        await winner.DisposeAsync();
        Assert.Null(await instances[0].ClaimJobAsync(jobId, "export", CancellationToken.None)); // running: nobody claims it again
    }

    [Fact]
    public async Task Claim_WrongKindOrCancelled_IsRefused()
    {
        var cancelled = await AddJobAsync("export", BackgroundJobStatus.Cancelled, owner: null, heartbeat: null);
        var consensus = await AddJobAsync("consensus", BackgroundJobStatus.Queued, owner: null, heartbeat: null);
        var claims = Claims(Identity("a"));

        Assert.Null(await claims.ClaimJobAsync(cancelled, "export", CancellationToken.None));
        Assert.Null(await claims.ClaimJobAsync(consensus, "export", CancellationToken.None));
        Assert.Equal(BackgroundJobStatus.Queued, (await JobAsync(consensus)).Status);
    }

    [Fact]
    public async Task Heartbeat_WhileClaimed_MovesHeartbeatAtForward()
    {
        var jobId = await AddJobAsync("import", BackgroundJobStatus.Queued, owner: null, heartbeat: null);
        var claims = Claims(Identity("a"), leaseSeconds: 1); // a beat every 0.25 s
        await using var claim = await claims.ClaimJobAsync(jobId, "import", CancellationToken.None);
        var first = (await JobAsync(jobId)).HeartbeatAt!.Value;

        var deadline = DateTime.UtcNow.AddSeconds(20);
        DateTime latest;
        do
        {
            await Task.Delay(50);
            latest = (await JobAsync(jobId)).HeartbeatAt!.Value;
        }
        while (latest <= first && DateTime.UtcNow < deadline);

        Assert.True(latest > first, "the heartbeat never moved");
        Assert.False(claim!.Lost);
    }

    [Fact]
    public async Task Sweep_TouchesOnlyAbandonedWork_NeverALiveInstancesJob()
    {
        var now = DateTime.UtcNow;
        var liveOther = await AddJobAsync("export", BackgroundJobStatus.Running, "b#1", now);
        var expired = await AddJobAsync("import", BackgroundJobStatus.Running, "b#1", now.AddSeconds(-61));
        var neverBeat = await AddJobAsync("consensus", BackgroundJobStatus.Running, null, null);
        var earlierLife = await AddJobAsync("export", BackgroundJobStatus.Running, "a#1", now);
        var queued = await AddJobAsync("export", BackgroundJobStatus.Queued, null, null);
        var otherNamePrefix = await AddJobAsync("export", BackgroundJobStatus.Running, "ab#1", now);
        var liveRun = await AddRunAsync("b#1", now);
        var expiredRun = await AddRunAsync("b#1", now.AddMinutes(-5));
        var me = Identity("a");
        var mine = await AddJobAsync("export", BackgroundJobStatus.Queued, null, null);
        await using (var claim = await Claims(me).ClaimJobAsync(mine, "export", CancellationToken.None))
        {
            Assert.NotNull(claim);
        }

        var swept = await Sweeper(me).SweepAsync(CancellationToken.None);

        Assert.Equal(4, swept); // expired, neverBeat, earlierLife, expiredRun
        Assert.Equal(BackgroundJobStatus.Running, (await JobAsync(liveOther)).Status);
        Assert.Equal(BackgroundJobStatus.Running, (await JobAsync(otherNamePrefix)).Status);
        Assert.Equal(BackgroundJobStatus.Running, (await JobAsync(mine)).Status);
        Assert.Equal(BackgroundJobStatus.Queued, (await JobAsync(queued)).Status);
        var import = await JobAsync(expired);
        Assert.Equal(BackgroundJobStatus.Interrupted, import.Status);
        Assert.Contains("start the import again", import.Message, StringComparison.Ordinal);
        Assert.Equal(BackgroundJobStatus.Interrupted, (await JobAsync(neverBeat)).Status);
        Assert.Equal(BackgroundJobStatus.Interrupted, (await JobAsync(earlierLife)).Status);
        await using var db = await _database.DbFactory.CreateDbContextAsync();
        Assert.Equal(TrainingRunStatus.Running, (await db.TrainingRuns.SingleAsync(r => r.Id == liveRun)).Status);
        var run = await db.TrainingRuns.SingleAsync(r => r.Id == expiredRun);
        Assert.Equal(TrainingRunStatus.Interrupted, run.Status);
        Assert.Contains("current model kept serving", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WithoutConfiguredName_WaitsForTheLease()
    {
        var unnamed = new InstanceIdentity(Options.Create(new InstanceOptions()), TimeProvider.System);
        var job = await AddJobAsync("export", BackgroundJobStatus.Running, unnamed.Name + "#1", DateTime.UtcNow);

        Assert.Equal(0, await Sweeper(unnamed).SweepAsync(CancellationToken.None));
        Assert.Equal(BackgroundJobStatus.Running, (await JobAsync(job)).Status);
    }

    [Fact]
    public async Task Finish_AfterAnotherInstanceSweptTheJob_DoesNotOverwriteIt()
    {
        var time = new AdjustableTime();
        var jobId = await AddJobAsync("consensus", BackgroundJobStatus.Queued, null, null);
        await using var claim = await Claims(Identity("a"), time: time).ClaimJobAsync(jobId, "consensus", CancellationToken.None);
        time.Offset = TimeSpan.FromMinutes(5);
        Assert.Equal(1, await Sweeper(Identity("b"), time).SweepAsync(CancellationToken.None));

        await BackgroundJobRows.FinishAsync(_database.DbFactory, jobId, claim!.Owner, BackgroundJobStatus.Succeeded, "done", "late", null, DateTime.UtcNow);

        Assert.Equal(BackgroundJobStatus.Interrupted, (await JobAsync(jobId)).Status);
    }

    [Fact]
    public async Task Lease_OneHolderAtATime_TakenOverOnlyAfterExpiryOrRelease()
    {
        var time = new AdjustableTime();
        var a = new InstanceLeases(_database.DbFactory, Identity("a"), time);
        var b = new InstanceLeases(_database.DbFactory, Identity("b"), time);
        var duration = TimeSpan.FromSeconds(30);

        Assert.True(await a.TryAcquireAsync("schedule", duration, CancellationToken.None));
        Assert.False(await b.TryAcquireAsync("schedule", duration, CancellationToken.None));
        Assert.True(await a.TryAcquireAsync("schedule", duration, CancellationToken.None)); // renewal

        time.Offset = TimeSpan.FromSeconds(31);
        Assert.True(await b.TryAcquireAsync("schedule", duration, CancellationToken.None)); // a stopped renewing
        Assert.False(await a.TryAcquireAsync("schedule", duration, CancellationToken.None));

        await b.ReleaseAsync("schedule", CancellationToken.None);
        Assert.True(await a.TryAcquireAsync("schedule", duration, CancellationToken.None));
    }

    [Fact]
    public async Task Lease_FirstTakenByManyAtOnce_ThePrimaryKeyPicksOne()
    {
        var leases = Enumerable.Range(0, 6).Select(i => new InstanceLeases(_database.DbFactory, Identity($"i{i}"), TimeProvider.System)).ToList();
        using var start = new ManualResetEventSlim();
        var attempts = leases.Select(l => Task.Run(async () =>
        {
            start.Wait();
            return await l.TryAcquireAsync("race", TimeSpan.FromMinutes(1), CancellationToken.None);
        })).ToList();
        start.Set();

        var won = await Task.WhenAll(attempts);

        Assert.Equal(1, won.Count(w => w));
    }

    private static InstanceIdentity Identity(string name, TimeProvider? time = null) =>
        new(Options.Create(new InstanceOptions { Name = name }), time ?? TimeProvider.System);

    private JobClaims Claims(InstanceIdentity identity, double leaseSeconds = 60, TimeProvider? time = null) =>
        new(_database.DbFactory, identity, Options.Create(new JobOptions { LeaseSeconds = leaseSeconds }), time ?? TimeProvider.System, NullLogger<JobClaims>.Instance);

    private JobSweeper Sweeper(InstanceIdentity identity, TimeProvider? time = null) =>
        new(_database.DbFactory, identity, Options.Create(new JobOptions { LeaseSeconds = 60 }), time ?? TimeProvider.System, NullLogger<JobSweeper>.Instance);

    private async Task<long> AddJobAsync(string kind, BackgroundJobStatus status, string? owner, DateTime? heartbeat)
    {
        await using var db = await _database.DbFactory.CreateDbContextAsync();
        var job = new BackgroundJob { Kind = kind, Status = status, Owner = owner, HeartbeatAt = heartbeat, CreatedAt = DateTime.UtcNow };
        db.BackgroundJobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    }

    private async Task<long> AddRunAsync(string owner, DateTime heartbeat)
    {
        await using var db = await _database.DbFactory.CreateDbContextAsync();
        var run = new TrainingRun { Status = TrainingRunStatus.Running, Owner = owner, HeartbeatAt = heartbeat, CreatedAt = DateTime.UtcNow };
        db.TrainingRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private async Task<BackgroundJob> JobAsync(long id)
    {
        await using var db = await _database.DbFactory.CreateDbContextAsync();
        return await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }
}
