using System.Net;
using Xunit.Abstractions;
using QuakeDetective.Seismic.Formats;
using static QuakeDetective.Web.Tests.Faults.FaultSite;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>
/// The site is SIGKILLed while a folder import runs (some files committed, others not) and started again: no file is
/// half imported, the job says it was interrupted, and importing the folder again adds exactly the rest.
/// </summary>
public sealed class KillDuringImportTests(ITestOutputHelper output)
{
    private const int Stations = 60;
    private const double FileSeconds = 1800;
    private const double WindowSeconds = 60;
    private const int WindowsPerFile = (int)(FileSeconds / WindowSeconds);

    [Fact]
    public async Task SigkillDuringFolderImport_Restart_EveryFileAllOrNothing_AndImportingAgainAddsTheRest()
    {
        if (QuakeDetective.Tests.PostgresServer.Requested)
        {
            return; // Reads the SQLite file directly; the PostgreSQL pass covers the import paths in ImportPageTests.
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var folder = NewDataFolder("kill-import");
        var files = SyntheticImportFolder.Write(Path.Combine(folder, "import", "many"), Stations, FileSeconds);
        var campaign = "Killed import";
        try
        {
            long jobId;
            long committedAtKill;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: files written");
            await using (var site = await ChildProcessSite.StartAsync(folder, Settings(("Demo__Enabled", "false"))))
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: site started");
                using var admin = await SignInAdminAsync(site);
                jobId = await StartFolderImportAsync(admin, "many", campaign, WindowSeconds);

                // Kill once the job runs and some, not all, files are committed (files commit one by one; the job's percent is
                // written once a second, so a quick machine can finish before it shows).
                committedAtKill = await PollAsync(async () =>
                {
                    var job = await JobAsync(folder, jobId);
                    Assert.True(job is { Status: 0 or JobRow.Running }, $"the import ended before the kill: {job}");
                    await using var db = OpenDatabase(folder);
                    var committed = await CountAsync(db, "SELECT COUNT(*) FROM ImportedFiles f JOIN Campaigns c ON c.Id = f.CampaignId WHERE c.Name = $n", ("$n", campaign));
                    return job is { Status: JobRow.Running } && committed is >= 1 and < Stations ? committed : (long?)null;
                }, TimeSpan.FromSeconds(60), "the import to commit its first files", site, intervalMs: 20);
                site.Kill();
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed with {committedAtKill} files committed");
            }

            await using (var site = await ChildProcessSite.StartAsync(folder, Settings(("Demo__Enabled", "false"))))
            {
                var interrupted = await PollAsync(async () => await JobAsync(folder, jobId) is { Status: JobRow.Interrupted } job ? job : (JobRow?)null,
                    InterruptedDeadline, $"import job {jobId} to be marked interrupted", site);
                Assert.Contains("start the import again", interrupted.Message, StringComparison.OrdinalIgnoreCase);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: restarted, job interrupted");

                var campaignId = await CampaignIdAsync(folder, campaign);
                var afterKill = await CheckAllOrNothingAsync(folder, campaignId, files.Select(f => f.FileName).ToList());
                // The restarted site removes the temporary window files the kill left half-written.
                await PollAsync(() => Task.FromResult(Directory.EnumerateFiles(WaveformRoot(folder), "*", SearchOption.AllDirectories)
                    .All(f => f.EndsWith(".mseed", StringComparison.Ordinal)) ? (bool?)true : null),
                    TimeSpan.FromSeconds(20), "the temporary waveform files to be removed", site);
                output.WriteLine($"after the kill: {afterKill} of {Stations} files imported, no temporary waveform files left");
                Assert.True(afterKill >= committedAtKill && afterKill < Stations, $"{afterKill} of {Stations} files were imported when the site was killed; the kill should land mid-import");

                // Importing the same folder again adds only the files the kill cut off.
                using var admin = await SignInAdminAsync(site);
                var again = await StartFolderImportAsync(admin, "many", campaign, WindowSeconds);
                var finished = await PollAsync(async () => await JobAsync(folder, again) is { Status: > JobRow.Running } job ? job : (JobRow?)null,
                    TimeSpan.FromSeconds(60), "the second import to finish", site);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: imported again: {finished.Message}");
                Assert.True(finished.Status == JobRow.Succeeded, $"second import: {finished}");
                Assert.Contains($"{afterKill} already imported", finished.Message, StringComparison.Ordinal);

                Assert.Equal(Stations, await CheckAllOrNothingAsync(folder, campaignId, files.Select(f => f.FileName).ToList()));
                await using (var db = OpenDatabase(folder))
                {
                    Assert.Equal((long)Stations * WindowsPerFile, await CountAsync(db, "SELECT COUNT(DISTINCT ImportKey) FROM Subjects WHERE CampaignId = $c", ("$c", campaignId)));
                    var referenced = (await RowsAsync(db, "SELECT WaveformPath FROM Subjects WHERE CampaignId = $c", ("$c", campaignId)))
                        .Select(r => Path.GetFileName((string)r[0]!)).ToHashSet(StringComparer.Ordinal);

                    // Waveform files the kill left without a subject were written again under the same name and are now referenced.
                    var stored = Directory.EnumerateFiles(folder, "*.mseed", SearchOption.AllDirectories)
                        .Where(f => !f.StartsWith(Path.Combine(folder, "import"), StringComparison.Ordinal)).ToList();
                    var unreferenced = stored.Count(f => !referenced.Contains(Path.GetFileName(f)) && f.Contains($"{Path.DirectorySeparatorChar}c{campaignId}{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
                    Assert.Equal(0, unreferenced);
                }

                // The server keeps serving the imported subjects.
                using var anonymous = new HttpClient { BaseAddress = site.Address };
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("health")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"api/subjects/next?campaignId={campaignId}")).StatusCode);
            }
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private static async Task<long> CampaignIdAsync(string folder, string campaign)
    {
        await using var db = OpenDatabase(folder);
        return Convert.ToInt64(await ScalarAsync(db, "SELECT Id FROM Campaigns WHERE Name = $n", ("$n", campaign)), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every file either has its ImportedFile row, all its subjects and every subject's readable waveform window, or
    /// nothing at all; returns how many files are imported.
    /// </summary>
    private static async Task<int> CheckAllOrNothingAsync(string folder, long campaignId, IReadOnlyList<string> fileNames)
    {
        await using var db = OpenDatabase(folder);
        var imported = (await RowsAsync(db, "SELECT Path, SubjectCount FROM ImportedFiles WHERE CampaignId = $c", ("$c", campaignId)))
            .ToDictionary(r => Path.GetFileName((string)r[0]!), r => Convert.ToInt32(r[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var subjects = (await RowsAsync(db, "SELECT SourceFile, WaveformPath FROM Subjects WHERE CampaignId = $c", ("$c", campaignId)))
            .GroupBy(r => (string)r[0]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => (string)r[1]!).ToList(), StringComparer.Ordinal);
        Assert.Empty(subjects.Keys.Except(fileNames, StringComparer.Ordinal));
        var waveformRoot = WaveformRoot(folder);
        foreach (var name in fileNames)
        {
            var windows = subjects.GetValueOrDefault(name) ?? [];
            if (imported.TryGetValue(name, out var recorded))
            {
                Assert.True(windows.Count == WindowsPerFile && recorded == WindowsPerFile, $"{name}: {windows.Count} subjects stored, {recorded} recorded, {WindowsPerFile} expected");
                foreach (var path in windows)
                {
                    Assert.Equal(3, WaveformReader.ReadFile(Path.Combine(waveformRoot, path)).Count);
                }
            }
            else
            {
                Assert.True(windows.Count == 0, $"{name} has no ImportedFile row but {windows.Count} subjects: half imported");
            }
        }

        return imported.Count;
    }

    /// <summary>The folder stored waveform paths are relative to (the local store's "waveforms" under the data folder).</summary>
    private static string WaveformRoot(string folder) => Path.Combine(folder, "waveforms");
}
