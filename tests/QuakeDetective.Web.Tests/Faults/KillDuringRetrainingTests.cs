using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using QuakeDetective.Learning.Prediction;
using Xunit.Abstractions;
using static QuakeDetective.Web.Tests.Faults.FaultSite;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>
/// The site is SIGKILLed while a retraining computes features and started again: the run is marked interrupted, every
/// model file loads, the current model is still the one promoted before and keeps serving predictions.
/// </summary>
public sealed class KillDuringRetrainingTests(ITestOutputHelper output)
{
    /// <summary>Demo subjects (300 s, 3 × 40 Hz): the second run computes features for all but the first run's gold ones, which takes seconds.</summary>
    private const int Subjects = 300;

    [Fact]
    public async Task SigkillDuringRetraining_Restart_RunInterrupted_ModelFilesLoad_CurrentModelUnchangedAndPredicting()
    {
        if (QuakeDetective.Tests.PostgresServer.Requested)
        {
            return; // Reads the SQLite file directly; the PostgreSQL pass covers the training API in TrainingRunApiTests.
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var folder = NewDataFolder("kill-train");
        var settings = Settings(("Demo__SubjectCount", Subjects.ToString(CultureInfo.InvariantCulture)), ("Demo__WindowSeconds", "300"), ("Demo__GoldPerClass", "5"));
        try
        {
            long campaignId, killedRun;
            int currentModel;
            string currentFile;
            await using (var site = await ChildProcessSite.StartAsync(folder, settings, TimeSpan.FromSeconds(120)))
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: site started");
                using var admin = await SignInAdminAsync(site);
                await using (var db = OpenDatabase(folder))
                {
                    campaignId = await CountAsync(db, "SELECT MIN(Id) FROM Campaigns");
                }

                // A first, small model (the demo's gold labels only), made current as an admin's promotion would.
                var first = await StartRunAsync(admin, campaignId);
                var trained = await WaitForRunAsync(admin, first, s => s is "Succeeded" or "Failed", site);
                Assert.True(trained.GetProperty("status").GetString() == "Succeeded", trained.ToString());
                currentModel = trained.GetProperty("modelVersionId").GetInt32();
                await using (var db = OpenDatabase(folder))
                {
                    await ScalarAsync(db, "UPDATE ModelVersions SET IsCurrent = 1, PromotedAt = '2026-01-01 00:00:00' WHERE Id = $m", ("$m", currentModel));
                    currentFile = (string)(await ScalarAsync(db, "SELECT FilePath FROM ModelVersions WHERE Id = $m", ("$m", currentModel)))!;
                }

                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: first model {currentModel} trained and current");

                // Label every subject, then retrain: features for ~280 new subjects.
                await LabelAllAsync(folder, admin, campaignId);
                killedRun = await StartRunAsync(admin, campaignId);
                var running = await WaitForRunAsync(admin, killedRun, s => s is not ("Queued" or "Running"), site, kill: true);
                Assert.True(running.GetProperty("status").GetString() == "Running", $"the run ended before the kill: {running}");
                site.Kill();
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed at {running.GetProperty("stage")} {running.GetProperty("percent")} %");
            }

            await using (var site = await ChildProcessSite.StartAsync(folder, settings, TimeSpan.FromSeconds(120)))
            {
                using var admin = await SignInAdminAsync(site);
                var interrupted = await WaitForRunAsync(admin, killedRun, s => s == "Interrupted", site, InterruptedDeadline);
                Assert.Contains("the current model kept serving", interrupted.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
                Assert.Equal(JsonValueKind.Null, interrupted.GetProperty("modelVersionId").ValueKind);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: restarted, run interrupted");

                // No half-written model: every file in the models folder loads, and nothing temporary is left.
                var models = Path.Combine(folder, "models");
                var files = Directory.EnumerateFiles(models, "*", SearchOption.AllDirectories).ToList();
                Assert.All(files, f => Assert.EndsWith(".zip", f, StringComparison.Ordinal));
                Assert.All(files, f => Assert.True(TrainedClassifier.LoadFile(f).FeatureCount > 0, f));

                // The current model is the one promoted before, and it still serves predictions.
                await using (var db = OpenDatabase(folder))
                {
                    var current = await RowsAsync(db, "SELECT Id, FilePath FROM ModelVersions WHERE CampaignId = $c AND IsCurrent = 1", ("$c", campaignId));
                    Assert.Equal(currentModel, Convert.ToInt32(Assert.Single(current)[0], CultureInfo.InvariantCulture));
                    Assert.Equal(currentFile, (string)current[0][1]!);
                    Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM ModelVersions WHERE CampaignId = $c", ("$c", campaignId)));
                }

                var active = 0L;
                var predicted = await PollAsync(async () =>
                {
                    await using var db = OpenDatabase(folder);
                    active = await CountAsync(db, "SELECT COUNT(*) FROM Subjects WHERE CampaignId = $c AND Status = 0", ("$c", campaignId));
                    var count = await CountAsync(db, "SELECT COUNT(*) FROM Predictions WHERE ModelVersionId = $m", ("$m", currentModel));
                    return count >= active && active > 0 ? count : (long?)null;
                }, TimeSpan.FromSeconds(60), "the current model's predictions after the restart", site, intervalMs: 200);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {predicted} predictions by model {currentModel} for {active} active subjects");

                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("health")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"api/subjects/next?campaignId={campaignId}")).StatusCode);
            }
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private static async Task<long> StartRunAsync(HttpClient admin, long campaignId)
    {
        var response = await admin.PostAsJsonAsync("api/training-runs", new { campaignId, minLabelsPerClass = 4 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trainingRunId").GetInt64();
    }

    /// <summary>
    /// Polls the run until <paramref name="done"/> holds for its status, or (with <paramref name="kill"/>) until it is
    /// running part-way (0 &lt; percent &lt; 100), which is when the caller kills the site.
    /// </summary>
    private static async Task<JsonElement> WaitForRunAsync(HttpClient admin, long runId, Func<string, bool> done, ChildProcessSite site, TimeSpan? timeout = null, bool kill = false)
    {
        var text = await PollAsync(async () =>
        {
            var status = await admin.GetFromJsonAsync<JsonElement>($"api/training-runs/{runId}");
            var state = status.GetProperty("status").GetString()!;
            var partWay = kill && state == "Running" && status.GetProperty("percent").GetDouble() is > 0 and < 100;
            return partWay || done(state) ? status.ToString() : null;
        }, timeout ?? TimeSpan.FromSeconds(90), $"training run {runId}", site, intervalMs: 20);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Gold labels for every subject that has none (classes in turn), through the scientists' gold API.</summary>
    private static async Task LabelAllAsync(string folder, HttpClient admin, long campaignId)
    {
        string[] classes = ["Earthquake", "Tremor", "Noise", "None of the above"];
        await using var db = OpenDatabase(folder);
        var unlabelled = await RowsAsync(db, "SELECT Id FROM Subjects WHERE CampaignId = $c AND Id NOT IN (SELECT SubjectId FROM GoldLabels) ORDER BY Id", ("$c", campaignId));
        var csv = new StringBuilder("subject_id,label\n");
        for (var i = 0; i < unlabelled.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{unlabelled[i][0]},{classes[i % classes.Length]}\n");
        }

        var response = await PostCsvAsync(admin, $"api/campaigns/{campaignId}/gold", csv.ToString());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
