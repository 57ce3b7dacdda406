using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Exports;
using QuakeDetective.Core.Jobs;
using QuakeDetective.Learning;
using QuakeDetective.Tests;
using QuakeDetective.Web.Background;

namespace QuakeDetective.Web.Tests.Instances;

/// <summary>Instance:Role: all (default) serves and works, web only serves, worker only works (and answers /health).</summary>
public sealed class InstanceRoleTests
{
    [Fact]
    public async Task DefaultRole_ServesPagesAndRunsEveryWorker()
    {
        using var site = new QuakeWebFactory();
        using var client = site.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(3, Workers(site).Count); // import, export, consensus
        Assert.True(site.GetRequiredService<IOptions<LearningOptions>>().Value.WorkerEnabled);
    }

    [Fact]
    public async Task WebRole_QueuesJobs_AWorkerInstanceOnTheSameDatabaseRunsThem()
    {
        using var web = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["Instance:Role"] = "web", ["Instance:Name"] = "web-1" });
        using var webClient = web.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await webClient.GetAsync("/")).StatusCode);
        Assert.Empty(Workers(web));
        Assert.False(web.GetRequiredService<IOptions<LearningOptions>>().Value.WorkerEnabled); // no training on a web instance

        int campaignId;
        await using (var db = await web.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync())
        {
            campaignId = await db.Campaigns.Where(c => c.IsDemo).Select(c => c.Id).SingleAsync();
        }

        var jobId = (await web.GetRequiredService<ExportJobs>().EnqueueAsync(campaignId, ExportFormat.ConsensusCsv, null, null, CancellationToken.None))!.Value;

        using var worker = new QuakeWebFactory(web.DataFolder, new Dictionary<string, string?>
        {
            ["Instance:Role"] = "worker",
            ["Instance:Name"] = "worker-1",
            ["Jobs:PollSeconds"] = "0.2",
        });
        worker.CreateClient();
        var job = await WaitForJobAsync(web, jobId);

        Assert.Equal(BackgroundJobStatus.Succeeded, job.Status);
        Assert.StartsWith("worker-1#", job.Owner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerRole_AnswersOnlyHealth_AndSeedsNoDemo()
    {
        using var site = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["Instance:Role"] = "worker" });
        using var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        foreach (var path in new[] { "/", "/classify", "/api/subjects/next", "/account/login", "/_blazor/negotiate" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Instance:Role=worker", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(3, Workers(site).Count);
        await using var db = await site.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Campaigns.AnyAsync()); // the web instances seed the demo, never the worker
    }

    [Fact]
    public void UnknownRole_StopsStartUpWithAClearMessage()
    {
        using var site = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["Instance:Role"] = "banana" });

        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Instance:Role 'banana' is not supported. Use 'all'", messages, StringComparison.Ordinal);
    }

    private static List<PollingJobWorker> Workers(QuakeWebFactory site) =>
        site.Services.GetServices<IHostedService>().OfType<PollingJobWorker>().Where(w => w is not Learning.Runs.LearningWorker).ToList();

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private static async Task<BackgroundJob> WaitForJobAsync(QuakeWebFactory site, long jobId)
    {
        var factory = site.GetRequiredService<IDbContextFactory<QuakeDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync();
            var job = await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            if (job.Status is not (BackgroundJobStatus.Queued or BackgroundJobStatus.Running) || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(50);
        }
    }
}
