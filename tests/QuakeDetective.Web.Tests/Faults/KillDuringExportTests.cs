using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using QuakeDetective.Core.Exports;
using static QuakeDetective.Web.Tests.Faults.FaultSite;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>
/// The site is SIGKILLed while it writes a large votes export and started again: the export is marked interrupted,
/// nothing of it is offered for download, its partial file is cleaned away, and a new export is complete.
/// </summary>
public sealed class KillDuringExportTests(ITestOutputHelper output)
{
    /// <summary>× the demo campaign's 12 subjects: enough votes that writing the CSV takes seconds.</summary>
    private const int Volunteers = 10_000;

    [Fact]
    public async Task SigkillDuringVotesExport_Restart_JobInterrupted_NothingHalfWrittenOffered_NewExportComplete()
    {
        if (QuakeDetective.Tests.PostgresServer.Requested)
        {
            return; // Seeds votes straight into the SQLite file; the PostgreSQL pass covers the export paths in ExportApiTests.
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var folder = NewDataFolder("kill-export");
        var exports = Path.Combine(folder, "exports");
        try
        {
            long campaignId, votes, jobId;
            await using (var site = await ChildProcessSite.StartAsync(folder, Settings(("Demo__WindowSeconds", "60"))))
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: site started");
                (campaignId, votes) = await SeedVotesAsync(folder);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {votes} votes stored");
                using var admin = await SignInAdminAsync(site);
                jobId = await StartExportAsync(admin, campaignId);

                // Kill while the job reports progress and its file is being written.
                var running = await PollAsync(async () =>
                {
                    var status = await admin.GetFromJsonAsync<JsonElement>($"api/exports/{jobId}");
                    Assert.True(status.GetProperty("status").GetString() is "queued" or "running", $"the export ended before the kill: {status}");
                    return status.GetProperty("status").GetString() == "running" && status.GetProperty("percent").GetDouble() is > 0 and < 100 && Partials(exports).Count > 0
                        ? status.ToString()
                        : null;
                }, TimeSpan.FromSeconds(60), "the export to be part-way through", site, intervalMs: 20);
                site.Kill();
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed at {running}");
                Assert.NotEmpty(Partials(exports)); // the kill left a half-written file behind
            }

            await using (var site = await ChildProcessSite.StartAsync(folder, Settings(("Demo__WindowSeconds", "60"))))
            {
                using var admin = await SignInAdminAsync(site);
                var interrupted = JsonDocument.Parse(await PollAsync(async () =>
                {
                    var status = await admin.GetFromJsonAsync<JsonElement>($"api/exports/{jobId}");
                    return status.GetProperty("status").GetString() == "interrupted" ? status.ToString() : null;
                }, InterruptedDeadline, $"export {jobId} to be marked interrupted", site)).RootElement;
                Assert.Contains("start it again", interrupted.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
                Assert.Equal(JsonValueKind.Null, interrupted.GetProperty("downloadUrl").ValueKind);
                Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/exports/{jobId}/file")).StatusCode);
                Assert.Empty(Directory.EnumerateFileSystemEntries(exports, $"{jobId}-*"));
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: restarted, export interrupted");

                // A new export runs to the end and is complete: every vote once, every record whole.
                var again = await StartExportAsync(admin, campaignId);
                await PollAsync(async () =>
                {
                    var status = await admin.GetFromJsonAsync<JsonElement>($"api/exports/{again}");
                    var text = status.GetProperty("status").GetString();
                    Assert.True(text is "queued" or "running" or "succeeded", $"the new export did not succeed: {status}");
                    return text == "succeeded" ? text : null;
                }, TimeSpan.FromSeconds(60), "the new export to finish", site);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: new export finished");
                var csv = await admin.GetByteArrayAsync($"api/exports/{again}/file");
                var records = ParseCsv(Encoding.UTF8.GetString(csv));
                Assert.Equal(VotesCsvExport.Columns, records[0]);
                Assert.Equal(votes, records.Count - 1);
                Assert.All(records, r => Assert.Equal(VotesCsvExport.Columns.Count, r.Count));
                Assert.Equal(votes, records.Skip(1).Select(r => r[0]).Distinct().Count());

                // The killed export's half-written file is gone; the server keeps serving.
                Assert.Empty(Partials(exports));
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("health")).StatusCode);
            }
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private static async Task<long> StartExportAsync(HttpClient admin, long campaignId)
    {
        var response = await admin.PostAsJsonAsync($"api/campaigns/{campaignId}/exports", new { format = "votes-csv" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
    }

    /// <summary>Files an export is still writing (hidden, *.partial), in the exports folder.</summary>
    private static List<string> Partials(string exports) =>
        Directory.Exists(exports) ? Directory.EnumerateFileSystemEntries(exports).Where(e => e.EndsWith(".partial", StringComparison.Ordinal)).ToList() : [];

    /// <summary>Volunteers who each answered every subject of the demo campaign, written straight into the database.</summary>
    private static async Task<(long CampaignId, long Votes)> SeedVotesAsync(string folder)
    {
        await using var db = OpenDatabase(folder);
        var campaignId = await CountAsync(db, "SELECT MIN(Id) FROM Campaigns");
        var subjects = (await RowsAsync(db, "SELECT Id FROM Subjects WHERE CampaignId = $c", ("$c", campaignId))).Select(r => (long)r[0]!).ToList();
        string[] answers = ["Earthquake", "Tremor", "Noise", "None of the above"];
        await using (var transaction = (SqliteTransaction)await db.BeginTransactionAsync())
        {
            await using var volunteer = db.CreateCommand();
            volunteer.CommandText = "INSERT INTO Volunteers (Pseudonym, CreatedAt) VALUES ($p, '2026-01-01 00:00:00'); SELECT last_insert_rowid();";
            var pseudonym = volunteer.Parameters.Add("$p", SqliteType.Text);
            await using var vote = db.CreateCommand();
            vote.CommandText = "INSERT INTO Classifications (SubjectId, VolunteerId, Answer, FinishedAt, DurationMs, IdempotencyKey) VALUES ($s, $v, $a, '2026-01-02 03:04:05', 4200, $k)";
            var subject = vote.Parameters.Add("$s", SqliteType.Integer);
            var volunteerId = vote.Parameters.Add("$v", SqliteType.Integer);
            var answer = vote.Parameters.Add("$a", SqliteType.Text);
            var key = vote.Parameters.Add("$k", SqliteType.Text);
            for (var v = 0; v < Volunteers; v++)
            {
                pseudonym.Value = "fault-volunteer-" + v.ToString(CultureInfo.InvariantCulture);
                volunteerId.Value = (long)(await volunteer.ExecuteScalarAsync())!;
                for (var s = 0; s < subjects.Count; s++)
                {
                    subject.Value = subjects[s];
                    answer.Value = answers[(v + s) % answers.Length];
                    key.Value = "k" + s.ToString(CultureInfo.InvariantCulture);
                    await vote.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }

        var total = await CountAsync(db, "SELECT COUNT(*) FROM Classifications c JOIN Subjects s ON s.Id = c.SubjectId WHERE s.CampaignId = $c", ("$c", campaignId));
        Assert.True(total >= (long)Volunteers * subjects.Count);
        return (campaignId, total);
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. An unterminated quote fails the test.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "the CSV ends inside a quoted field");
        Assert.True(field.Length == 0 && record.Count == 0, "the CSV's last record has no line end");
        return records;
    }
}
