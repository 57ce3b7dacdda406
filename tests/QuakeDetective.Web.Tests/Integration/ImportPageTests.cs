using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Tests;
using QuakeDetective.Web.Background;
using QuakeDetective.Web.Tests.Authorization;

namespace QuakeDetective.Web.Tests.Integration;

/// <summary>The admin import page: uploads and server folders become background jobs with live progress and a report.</summary>
public sealed partial class ImportPageTests(ImportPageTests.Site site) : IClassFixture<ImportPageTests.Site>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ImportPage_Admin_ShowsBothFormsAndTheFoldersUnderTheImportRoot()
    {
        var html = await site.Admin.GetStringAsync("/admin/import");

        Assert.Contains("id=\"upload-form\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"folder-form\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"day1\">day1</option>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_Anonymous_IsSentToSignIn()
    {
        var response = await site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/admin/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_GoodAndTruncatedFiles_RunsInTheBackgroundAndReportsTheBadByte()
    {
        var good = site.MiniSeed("IU.ANMO.00", 600);
        var broken = site.MiniSeed("IU.TUC.00", 600);
        var badOffset = broken.Length - 512;
        broken = broken[..^100];

        var response = await site.PostAsync(site.Admin, new()
        {
            ["source"] = "upload",
            ["campaign"] = "Uploaded " + Guid.NewGuid().ToString("N")[..6],
            ["window"] = "120",
        }, ("files", "anmo.mseed", good), ("files", "tuc.mseed", broken));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
        var finished = await site.WaitForJobAsync(jobId);
        Assert.Equal(BackgroundJobStatus.Succeeded, finished.Status);
        Assert.Contains("2 files: 1 imported, 1 failed; 5 subjects created", finished.Message, StringComparison.Ordinal);

        await using var db = await site.DbAsync();
        var job = await db.BackgroundJobs.SingleAsync(j => j.Id == jobId);
        Assert.Equal((BackgroundJobStatus.Succeeded, 100.0, "import"), (job.Status, job.Percent, job.Kind));
        Assert.Equal(5, await db.Subjects.CountAsync(s => s.CampaignId == job.CampaignId));
        Assert.Equal(["upload:anmo.mseed"], await db.ImportedFiles.Where(f => f.CampaignId == job.CampaignId).Select(f => f.Path).ToListAsync());
        Assert.Empty(Directory.GetDirectories(Path.Combine(site.Factory.DataFolder, "uploads"))); // staging removed

        var report = await site.Admin.GetStringAsync($"/admin/import/jobs/{jobId}/report.json");
        Assert.Contains($"tuc.mseed: byte {badOffset}: ", report, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/import/jobs/{jobId}"));
        Assert.Contains("What happened", page, StringComparison.Ordinal);
        Assert.Contains($"tuc.mseed: byte {badOffset}", page, StringComparison.Ordinal);
        Assert.Contains($"classify?campaign={job.CampaignId}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_SameFileAgain_AddsNothing()
    {
        var file = site.MiniSeed("IU.ANMO.10", 240);
        var campaign = "Twice " + Guid.NewGuid().ToString("N")[..6];
        var fields = new Dictionary<string, string> { ["source"] = "upload", ["campaign"] = campaign, ["window"] = "120" };
        var first = await site.WaitForJobAsync(await site.JobIdAsync(await site.PostAsync(site.Admin, fields, ("files", "a.mseed", file))));

        var second = await site.WaitForJobAsync(await site.JobIdAsync(await site.PostAsync(site.Admin, fields, ("files", "renamed.mseed", file))));

        Assert.Contains("2 subjects created", first.Message, StringComparison.Ordinal);
        Assert.Contains("1 file: 1 already imported; 0 subjects created", second.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.txt", "notes.txt: not a MiniSEED or SAC file name")]
    [InlineData("empty.mseed", "empty.mseed: the file is empty")]
    public async Task Upload_WrongFile_IsRefusedWithTheReason(string name, string reason)
    {
        var content = name.StartsWith("empty", StringComparison.Ordinal) ? [] : "hello"u8.ToArray();

        var response = await site.PostAsync(site.Admin, new() { ["source"] = "upload", ["campaign"] = "c" }, ("files", name, content));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_IsRefusedWithTheLimit()
    {
        var response = await site.PostAsync(site.Admin, new() { ["source"] = "upload", ["campaign"] = "c" }, ("files", "big.mseed", site.MiniSeed("IU.BIG.00", 7200)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than the 0.3 MB allowed in one upload", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_BadEventsCsv_IsRefusedWithTheLineNumber()
    {
        var events = "time,latitude,longitude,depth,magnitude\n2010-02-27T06:34:11Z,-36.1,-72.9,23,8.8\n2010-02-27T07:00:00Z,-36.1,-372.9,23,6\n"u8.ToArray();

        var response = await site.PostAsync(site.Admin, new() { ["source"] = "upload", ["campaign"] = "c" },
            ("files", "a.mseed", site.MiniSeed("IU.ANMO.00", 60)), ("events", "my-events.csv", events));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("my-events.csv line 3: longitude '-372.9' is not between -180 and 360", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_UnderTheImportRoot_IsImported()
    {
        var campaign = "Folder " + Guid.NewGuid().ToString("N")[..6];

        var response = await site.PostAsync(site.Admin, new() { ["source"] = "folder", ["folder"] = "day1", ["campaign"] = campaign, ["window"] = "60" });

        var finished = await site.WaitForJobAsync(await site.JobIdAsync(response));
        Assert.Equal(BackgroundJobStatus.Succeeded, finished.Status);
        Assert.Contains("1 file: 1 imported; 4 subjects created", finished.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("day1/../../secret")]
    [InlineData("/etc")]
    [InlineData("link-out")]
    public async Task Folder_OutsideTheImportRoot_IsRefused(string folder)
    {
        await using (var db = await site.DbAsync())
        {
            site.JobsBefore = await db.BackgroundJobs.CountAsync();
        }

        var response = await site.PostAsync(site.Admin, new() { ["source"] = "folder", ["folder"] = folder, ["campaign"] = "c" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains("not a folder inside the import folder", StringComparison.Ordinal) || text.Contains("symbolic link", StringComparison.Ordinal), text);
        await using var check = await site.DbAsync();
        Assert.Equal(site.JobsBefore, await check.BackgroundJobs.CountAsync());
    }

    [Fact]
    public async Task Post_FromABrowserWithAnError_ReturnsToTheFormWithTheReason()
    {
        var response = await site.PostAsync(site.Admin, new() { ["source"] = "folder", ["folder"] = "../secret", ["campaign"] = "c" }, html: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/import?error=", location, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await site.Admin.GetStringAsync(location));
        Assert.Contains("'../secret' is not a folder inside the import folder", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        using var form = new MultipartFormDataContent { { new StringContent("folder"), "source" }, { new StringContent("day1"), "folder" }, { new StringContent("c"), "campaign" } };

        var response = await site.Admin.PostAsync("/admin/import/jobs", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("did not come from this site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AsVolunteer_IsDenied()
    {
        var response = await site.PostAsync(site.Volunteer, new() { ["source"] = "folder", ["folder"] = "day1", ["campaign"] = "c" }, tokenFrom: "/account/login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_JobLeftRunningIsInterruptedAndQueuedJobRuns()
    {
        var parameters = new ImportJobParameters
        {
            CampaignName = "Recovered " + Guid.NewGuid().ToString("N")[..6],
            Source = "folder",
            Folder = Path.Combine(site.Factory.DataFolder, "import", "day1"),
            Description = "folder 'day1'",
            AllowedRoot = Path.Combine(site.Factory.DataFolder, "import"),
            WindowSeconds = 60,
        };
        long running, queued;
        await using (var db = await site.DbAsync())
        {
            var json = JsonSerializer.Serialize(parameters, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            var a = new BackgroundJob { Kind = ImportJobService.Kind, Status = BackgroundJobStatus.Running, ParametersJson = json };
            var b = new BackgroundJob { Kind = ImportJobService.Kind, Status = BackgroundJobStatus.Queued, ParametersJson = json };
            db.BackgroundJobs.AddRange(a, b);
            await db.SaveChangesAsync();
            (running, queued) = (a.Id, b.Id);
        }

        var worker = site.Factory.Services.GetServices<IHostedService>().OfType<ImportWorker>().Single();
        await worker.RecoverAsync(CancellationToken.None);

        var finished = await site.WaitForJobAsync(queued);
        Assert.Equal(BackgroundJobStatus.Succeeded, finished.Status);
        Assert.Contains("4 subjects created", finished.Message, StringComparison.Ordinal);
        await using var check = await site.DbAsync();
        var interrupted = await check.BackgroundJobs.SingleAsync(j => j.Id == running);
        Assert.Equal(BackgroundJobStatus.Interrupted, interrupted.Status);
        Assert.Contains("start the import again", interrupted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_QueuedJob_NeverRuns()
    {
        long jobId;
        await using (var db = await site.DbAsync())
        {
            var job = new BackgroundJob { Kind = ImportJobService.Kind, Status = BackgroundJobStatus.Queued, ParametersJson = "{}" };
            db.BackgroundJobs.Add(job);
            await db.SaveChangesAsync();
            jobId = job.Id;
        }

        var cancelled = await site.Factory.GetRequiredService<ImportJobService>().CancelAsync(jobId, CancellationToken.None);

        Assert.True(cancelled);
        await using var check = await site.DbAsync();
        var row = await check.BackgroundJobs.SingleAsync(j => j.Id == jobId);
        Assert.Equal((BackgroundJobStatus.Cancelled, "cancelled"), (row.Status, row.Stage));
        Assert.False(await site.Factory.GetRequiredService<ImportJobService>().CancelAsync(jobId, CancellationToken.None));
    }

    /// <summary>A site with an import root holding "day1" (real-looking data), a folder outside it and a link pointing out.</summary>
    public sealed partial class Site : IAsyncLifetime
    {
        private readonly ConcurrentDictionary<long, TaskCompletionSource<ImportJobUpdate>> _finished = new();

        public QuakeWebFactory Factory { get; } = new(settings: new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "false",
            ["Import:MaxUploadBytes"] = "300000",
        });

        public HttpClient Admin { get; private set; } = default!;

        public HttpClient Volunteer { get; private set; } = default!;

        public int JobsBefore { get; set; }

        public Task<QuakeDbContext> DbAsync() => Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();

        public byte[] MiniSeed(string station, double seconds)
        {
            var random = new Random(station.Sum(c => c));
            var start = SeismicTime.FromDateTime(new DateTime(2010, 2, 27, 6, 30, 0, DateTimeKind.Utc));
            var traces = new[] { "BHZ", "BHN", "BHE" }.Select(channel =>
            {
                var samples = new double[(int)(seconds * 20)];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = Math.Round(800 * (random.NextDouble() - 0.5));
                }

                return new Trace(SeedId.Parse($"{station}.{channel}"), start, 20, samples);
            }).ToList();
            using var stream = new MemoryStream();
            MiniSeedWriter.Write(stream, traces);
            return stream.ToArray();
        }

        /// <summary>Posts the import form with the antiforgery token of a page the client may see.</summary>
        public async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields, params (string Field, string Name, byte[] Content)[] files) =>
            await PostAsync(client, fields, html: false, tokenFrom: "/admin/import", files);

        public async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields, bool html = false, string tokenFrom = "/admin/import",
            params (string Field, string Name, byte[] Content)[] files)
        {
            var page = await client.GetStringAsync(tokenFrom);
            using var form = new MultipartFormDataContent
            {
                { new StringContent(WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            };
            foreach (var (name, value) in fields)
            {
                form.Add(new StringContent(value), name);
            }

            foreach (var (field, name, content) in files)
            {
                var part = new ByteArrayContent(content);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, field, name);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/import/jobs") { Content = form };
            if (html)
            {
                request.Headers.Accept.ParseAdd("text/html");
            }

            return await client.SendAsync(request);
        }

        public async Task<long> JobIdAsync(HttpResponseMessage response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
        }

        /// <summary>The job's final update; the notifier is watched from the start, so a job that already ended is found too.</summary>
        public Task<ImportJobUpdate> WaitForJobAsync(long jobId) => Finished(jobId).Task.WaitAsync(Deadline);

        private TaskCompletionSource<ImportJobUpdate> Finished(long jobId) =>
            _finished.GetOrAdd(jobId, _ => new TaskCompletionSource<ImportJobUpdate>(TaskCreationOptions.RunContinuationsAsynchronously));

        public async Task InitializeAsync()
        {
            Factory.GetRequiredService<ImportJobNotifier>().Changed += update =>
            {
                if (update.IsFinished && update.Message is not null && update.JobId > 0 && update.Stage != "cancelled")
                {
                    Finished(update.JobId).TrySetResult(update);
                }
            };

            var root = Path.Combine(Factory.DataFolder, "import");
            Directory.CreateDirectory(Path.Combine(root, "day1"));
            await File.WriteAllBytesAsync(Path.Combine(root, "day1", "anmo.mseed"), MiniSeed("IU.ANMO.00", 240));
            var secret = Directory.CreateDirectory(Path.Combine(Factory.DataFolder, "secret")).FullName;
            await File.WriteAllBytesAsync(Path.Combine(secret, "private.mseed"), MiniSeed("XX.SECR.00", 240));
            Directory.CreateSymbolicLink(Path.Combine(root, "link-out"), secret);

            const string password = "import-pass-1";
            await SignedInClient.CreateUserAsync(Factory, "import-admin@example.org", password, Roles.Volunteer, Roles.Admin);
            await SignedInClient.CreateUserAsync(Factory, "import-volunteer@example.org", password, Roles.Volunteer);
            Admin = await SignedInClient.SignInAsync(Factory, "import-admin@example.org", password);
            Volunteer = await SignedInClient.SignInAsync(Factory, "import-volunteer@example.org", password);
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryField();
    }
}
