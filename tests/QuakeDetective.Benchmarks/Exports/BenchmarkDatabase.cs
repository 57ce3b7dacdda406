using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Benchmarks.Exports;

/// <summary>
/// A real SQLite database in the scratch folder with Core's services, filled in bulk (raw inserts in one transaction,
/// as an import of a finished campaign would leave it): campaigns of subjects with ten votes each from a pool of
/// volunteers of varied skill, and a majority consensus row per subject.
/// </summary>
internal sealed class BenchmarkDatabase : IDisposable
{
    private static readonly string[] Answers = [.. DefaultAnswers.All];

    private BenchmarkDatabase(IHost host, string folder)
    {
        Host = host;
        Folder = folder;
    }

    public IHost Host { get; }

    public string Folder { get; }

    public IDbContextFactory<QuakeDbContext> DbFactory => Host.Services.GetRequiredService<IDbContextFactory<QuakeDbContext>>();

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public static async Task<BenchmarkDatabase> CreateAsync(string folder)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder, ["Demo:Enabled"] = "false" });
        builder.Logging.ClearProviders();
        builder.AddQuakeData();
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        return new BenchmarkDatabase(host, folder);
    }

    /// <summary>Adds a campaign of <paramref name="subjects"/> subjects; with <paramref name="votesPerSubject"/> &gt; 0 also votes and majority rows.</summary>
    public async Task<int> SeedCampaignAsync(string name, int subjects, int volunteers, int votesPerSubject, int seed, string? waveformPath = null, double windowSeconds = 2000)
    {
        int campaignId;
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            var campaign = new Campaign { Name = name, Retirement = new RetirementSettings { MaxVotes = 10 }, CreatedAt = DateTime.UtcNow };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "quake.db")}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var volunteerIds = new long[volunteers];
        await using (var insert = Command(connection, transaction, "INSERT INTO Volunteers (AnonymousId, Pseudonym, CreatedAt) VALUES ($a, $p, $c) RETURNING Id", "$a", "$p", "$c"))
        {
            for (var i = 0; i < volunteers; i++)
            {
                insert.Parameters["$a"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
                insert.Parameters["$p"].Value = $"volunteer-b{seed}x{i}";
                insert.Parameters["$c"].Value = "2026-11-01 00:00:00";
                volunteerIds[i] = (long)(await insert.ExecuteScalarAsync())!;
            }
        }

        var random = new Random(seed);
        var skill = Enumerable.Range(0, volunteers).Select(_ => 0.5 + (0.45 * random.NextDouble())).ToArray();
        await using var subject = Command(connection, transaction,
            "INSERT INTO Subjects (CampaignId, Station, Channels, WindowStart, WindowEnd, SampleRate, WaveformPath, SourceFile, ImportKey, Status, RetirementReason, RetiredAt, VoteCount, CreatedAt) " +
            "VALUES ($campaign, $station, 'BHZ,BHN,BHE', $start, $end, 40, $path, 'benchmark', $key, $status, $reason, $retired, $votes, '2026-11-01 00:00:00') RETURNING Id",
            "$campaign", "$station", "$start", "$end", "$path", "$key", "$status", "$reason", "$retired", "$votes");
        await using var vote = Command(connection, transaction,
            "INSERT INTO Classifications (SubjectId, VolunteerId, Answer, StartedAt, FinishedAt, DurationMs, IdempotencyKey) VALUES ($s, $v, $a, $started, $finished, 12000, $k)",
            "$s", "$v", "$a", "$started", "$finished", "$k");
        await using var consensus = Command(connection, transaction,
            "INSERT INTO ConsensusResults (SubjectId, Method, Label, Confidence, Agreement, VoteCount, IsTie, VotesPerAnswerJson, ComputedAt) VALUES ($s, 'majority', $l, $c, $c, $n, 0, $j, '2026-11-20 00:00:00')",
            "$s", "$l", "$c", "$n", "$j");
        var start = new DateTime(2010, 2, 27, 7, 0, 0, DateTimeKind.Utc);
        var counts = new int[Answers.Length];
        var chosen = new HashSet<int>();
        subject.Parameters["$campaign"].Value = campaignId;
        for (var s = 0; s < subjects; s++)
        {
            var windowStart = start.AddSeconds(windowSeconds * s);
            subject.Parameters["$station"].Value = $"XX.B{s % 50:D2}.00";
            subject.Parameters["$start"].Value = Sql(windowStart);
            subject.Parameters["$end"].Value = Sql(windowStart.AddSeconds(windowSeconds));
            subject.Parameters["$path"].Value = waveformPath ?? $"benchmark/{s}.mseed";
            subject.Parameters["$key"].Value = $"b{s}";
            subject.Parameters["$status"].Value = votesPerSubject >= 10 ? 1 : 0;
            subject.Parameters["$reason"].Value = votesPerSubject >= 10 ? 0 : DBNull.Value;
            subject.Parameters["$retired"].Value = votesPerSubject >= 10 ? "2026-11-10 00:00:00" : DBNull.Value;
            subject.Parameters["$votes"].Value = votesPerSubject;
            var subjectId = (long)(await subject.ExecuteScalarAsync())!;
            if (votesPerSubject == 0)
            {
                continue;
            }

            var truth = random.Next(Answers.Length);
            Array.Clear(counts);
            chosen.Clear();
            for (var j = 0; j < votesPerSubject; j++)
            {
                int volunteer;
                do
                {
                    volunteer = random.Next(volunteers);
                }
                while (!chosen.Add(volunteer));

                var answer = random.NextDouble() < skill[volunteer] ? truth : random.Next(Answers.Length);
                counts[answer]++;
                var finished = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds((s * 7.0) + j);
                vote.Parameters["$s"].Value = subjectId;
                vote.Parameters["$v"].Value = volunteerIds[volunteer];
                vote.Parameters["$a"].Value = Answers[answer];
                vote.Parameters["$started"].Value = Sql(finished.AddSeconds(-12));
                vote.Parameters["$finished"].Value = Sql(finished);
                vote.Parameters["$k"].Value = $"b{s}-{j}";
                await vote.ExecuteNonQueryAsync();
            }

            var best = Array.IndexOf(counts, counts.Max());
            consensus.Parameters["$s"].Value = subjectId;
            consensus.Parameters["$l"].Value = Answers[best];
            consensus.Parameters["$c"].Value = counts[best] / (double)votesPerSubject;
            consensus.Parameters["$n"].Value = votesPerSubject;
            consensus.Parameters["$j"].Value = VotesPerAnswer.ToJson(Answers, counts);
            await consensus.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return campaignId;
    }

    /// <summary>A majority row per subject of a campaign without votes, so that consensus exports have every column filled.</summary>
    public async Task SeedConsensusOnlyAsync(int campaignId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "quake.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO ConsensusResults (SubjectId, Method, Label, Confidence, Agreement, VoteCount, IsTie, VotesPerAnswerJson, ComputedAt) " +
            "SELECT Id, 'majority', 'Noise', 0.7, 0.7, 10, 0, '{\"Earthquake\":1,\"Tremor\":1,\"Noise\":7,\"None of the above\":1}', '2026-11-20 00:00:00' FROM Subjects WHERE CampaignId = $c";
        command.Parameters.AddWithValue("$c", campaignId);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        Host.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static string Sql(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }
}
