using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>The site is killed with SIGKILL while volunteers vote; after a restart no acknowledged vote is missing.</summary>
public sealed class KillDuringVoteLoadTests
{
    [Fact]
    public async Task SigkillUnderVoteLoad_Restart_EveryAcknowledgedVoteIsStoredOnce()
    {
        if (QuakeDetective.Tests.PostgresServer.Requested)
        {
            return; // This test reads the SQLite file directly; the PostgreSQL pass covers the API paths.
        }

        var folder = Path.Combine(Path.GetTempPath(), "quake-kill-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["RateLimiting__Enabled"] = "false", ["Demo__SubjectCount"] = "40" };
        var acknowledged = new ConcurrentDictionary<long, (long SubjectId, string Key)>();
        var serverErrors = 0;
        try
        {
            await using (var site = await ChildProcessSite.StartAsync(folder, settings))
            {
                using var stop = new CancellationTokenSource();
                var firstAcks = new TaskCompletionSource();
                var clients = Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
                {
                    using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(10) };
                    for (var i = 0; i < 40 && !stop.IsCancellationRequested; i++)
                    {
                        try
                        {
                            var next = await http.GetAsync("api/subjects/next", stop.Token);
                            if (next.StatusCode != HttpStatusCode.OK)
                            {
                                return;
                            }

                            var subjectId = (await next.Content.ReadFromJsonAsync<JsonElement>(stop.Token)).GetProperty("subjectId").GetInt64();
                            var key = $"c{c}-{i}";
                            var post = await http.PostAsJsonAsync("api/classifications", new { subjectId, answer = "Noise", idempotencyKey = key }, stop.Token);
                            if ((int)post.StatusCode >= 500)
                            {
                                Interlocked.Increment(ref serverErrors);
                            }

                            if (post.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                            {
                                var id = (await post.Content.ReadFromJsonAsync<JsonElement>(stop.Token)).GetProperty("classificationId").GetInt64();
                                acknowledged[id] = (subjectId, key);
                                if (acknowledged.Count >= 50)
                                {
                                    firstAcks.TrySetResult();
                                }
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException or JsonException)
                        {
                            // The process died under us: an unacknowledged vote may or may not be stored.
                            return;
                        }
                    }
                })).ToArray();

                // Kill while votes are in flight, once some have been acknowledged.
                await Task.WhenAny(firstAcks.Task, Task.WhenAll(clients));
                site.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(clients);
            }

            Assert.True(acknowledged.Count >= 50, $"only {acknowledged.Count} votes were acknowledged before the kill");
            Assert.Equal(0, serverErrors);

            // Restart on the same folder: it must come up (WAL recovery) and hold every acknowledged vote exactly once.
            await using (var restarted = await ChildProcessSite.StartAsync(folder, settings))
            {
                using var health = new HttpClient { BaseAddress = restarted.Address };
                Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("health")).StatusCode);
            }

            await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "quake.db")};Pooling=False");
            await connection.OpenAsync();
            var stored = new Dictionary<long, (long SubjectId, string Key)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT Id, SubjectId, IdempotencyKey FROM Classifications";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    stored[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetString(2));
                }
            }

            foreach (var (id, vote) in acknowledged)
            {
                Assert.True(stored.TryGetValue(id, out var row), $"acknowledged vote {id} is missing after the restart");
                Assert.Equal(vote, row);
            }

            // Counts kept with each vote equal a recount of the raw votes.
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT COUNT(*) FROM Subjects s WHERE s.VoteCount <> (SELECT COUNT(*) FROM Classifications c WHERE c.SubjectId = s.Id)";
                Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
