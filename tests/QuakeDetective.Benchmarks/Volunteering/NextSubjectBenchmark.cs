using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuakeDetective.Core;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Queue;

namespace QuakeDetective.Benchmarks.Volunteering;

/// <summary>
/// The next subject for a volunteer (<see cref="SubjectQueue.NextAsync"/>, every query of it) with 100,000 subjects
/// and 1,000,000 votes in SQLite, for a new, a typical and a very active volunteer. Target: under 5 ms. The data are
/// bulk-inserted with raw SQL in one transaction; the plans of the queue's queries are printed and checked for indexes.
/// </summary>
public sealed class NextSubjectBenchmark : IBenchmark
{
    private const double TargetMs = 5;
    private const int MaxVotes = 15;

    public string Name => "volunteering.next";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var subjectCount = context.Quick ? 20_000 : 100_000;
        var voteTarget = context.Quick ? 200_000 : 1_000_000;
        var volunteerCount = voteTarget / 50;
        var folder = Path.Combine(context.ScratchFolder, "next-db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            ["Demo:Enabled"] = "false",
            ["Queue:RandomSeed"] = "2024",
        });
        builder.AddQuakeData();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<QuakeDbContext>>();

        var load = Stopwatch.StartNew();
        var (campaignId, heavy, typical) = await SeedAsync(dbFactory, subjectCount, voteTarget, volunteerCount, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            Console.WriteLine($"  seeded {await db.Subjects.CountAsync(cancellationToken):N0} subjects, {await db.Classifications.CountAsync(cancellationToken):N0} votes, " +
                              $"{await db.Volunteers.CountAsync(cancellationToken):N0} volunteers in {load.Elapsed.TotalSeconds:F1} s");
        }

        var queue = host.Services.GetRequiredService<SubjectQueue>();
        var fresh = await NewVolunteerAsync(dbFactory, cancellationToken);

        // Plans of every statement one NextAsync runs, for each branch (gold, random, ordered), by a volunteer with votes.
        var plans = await CapturePlansAsync(dbFactory, queue, typical, campaignId, cancellationToken);
        // Subjects and votes must only ever be searched through an index and never sorted in a temporary tree. (The gold
        // labels are scanned: a few hundred rows per campaign, fewer than an index walk from the campaign's subjects.)
        var scans = plans.Where(p => Regex.IsMatch(p.Plan, @"SCAN (s|c)(\b(?!\d)|$)|SCAN (Subjects|Classifications)|TEMP B-TREE", RegexOptions.Multiline)).ToList();
        context.Record("volunteering.next.statements_with_scans_or_sorts", scans.Count, "statements", 0, higherIsBetter: false,
            note: scans.Count == 0 ? "every statement searches an index" : string.Join(" | ", scans.Select(s => s.Plan.Replace('\n', ';'))));

        var calls = context.Quick ? 100 : 400;
        foreach (var (label, volunteer) in new[] { ("new", fresh), ("typical_50_votes", typical), ("heavy_5000_votes", heavy) })
        {
            for (var i = 0; i < 20; i++)
            {
                await queue.NextAsync(volunteer, campaignId, cancellationToken);
            }

            var ms = new List<double>(calls);
            var byReason = new Dictionary<QueuePickReason, List<double>>();
            for (var i = 0; i < calls; i++)
            {
                var sw = Stopwatch.StartNew();
                var next = await queue.NextAsync(volunteer, i % 4 == 0 ? null : campaignId, cancellationToken)
                    ?? throw new InvalidOperationException("The queue found nothing in a campaign full of open subjects.");
                ms.Add(sw.Elapsed.TotalMilliseconds);
                queue.Release(next.SubjectId, volunteer);
                if (!byReason.TryGetValue(next.Reason, out var list))
                {
                    byReason[next.Reason] = list = [];
                }

                list.Add(ms[^1]);
            }

            Console.WriteLine("  " + label + ": " + string.Join("; ", byReason.OrderBy(r => r.Key).Select(r =>
                $"{r.Key} n={r.Value.Count} median {Percentiles.Of(r.Value, 50):F2} p99 {Percentiles.Of(r.Value, 99):F2} ms")));

            context.Record($"volunteering.next.{label}.median_ms", Percentiles.Of(ms, 50), "ms", TargetMs, higherIsBetter: false,
                note: $"n={calls}, p99 {Percentiles.Of(ms, 99):F2} ms, max {ms.Max():F2} ms; gold/random/ordered branches as the campaign's rates draw them");
            context.Record($"volunteering.next.{label}.p99_ms", Percentiles.Of(ms, 99), "ms", higherIsBetter: false);
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>One campaign; half the subjects retired with <see cref="MaxVotes"/> votes, the rest open with 0–9; 200 gold.</summary>
    private static async Task<(int CampaignId, long Heavy, long Typical)> SeedAsync(
        IDbContextFactory<QuakeDbContext> dbFactory, int subjectCount, int voteTarget, int volunteerCount, CancellationToken cancellationToken)
    {
        int campaignId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var campaign = new Campaign
            {
                Name = "bench",
                Retirement = new RetirementSettings { MaxVotes = MaxVotes },
                Queue = new QueueSettings { RandomShare = 0.1, GoldRateNewcomer = 0.4, NewcomerClassifications = 20, GoldRateExperienced = 0.1 },
            };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);
            campaignId = campaign.Id;
        }

        await using var connection = new SqliteConnection(dbFactory.CreateDbContext().Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        const string now = "2024-05-01 12:00:00";

        // Volunteers 1..V; the last one is the heavy volunteer.
        await using (var insert = Command(connection, transaction,
            "INSERT INTO Volunteers (Id, Pseudonym, CreatedAt) VALUES ($id, $p, $t)", "$id", "$p", "$t"))
        {
            for (var v = 1; v <= volunteerCount + 1; v++)
            {
                Run(insert, v, "bench-" + v, now);
            }
        }

        // Votes per subject: the first half retired with MaxVotes, the rest 0..9, scaled to reach the vote target.
        var random = new Random(7);
        var retiredCount = subjectCount / 2;
        var votesPerSubject = new int[subjectCount];
        var assigned = 0L;
        for (var s = 0; s < subjectCount; s++)
        {
            votesPerSubject[s] = s < retiredCount ? MaxVotes : random.Next(0, 10);
            assigned += votesPerSubject[s];
        }

        var heavy = volunteerCount + 1;
        var heavyVotes = Math.Min(5000, subjectCount / 20);
        var extra = voteTarget - assigned - heavyVotes;
        if (extra < 0)
        {
            throw new InvalidOperationException("Too many votes from the distribution for the target.");
        }

        await using (var insert = Command(connection, transaction,
            "INSERT INTO Subjects (Id, CampaignId, Station, Channels, WindowStart, WindowEnd, SampleRate, WaveformPath, SourceFile, ImportKey, " +
            "Status, RetiredAt, RetirementReason, VoteCount, Priority, CreatedAt) VALUES ($id, $c, $st, 'BHZ,BHN,BHE', $ws, $we, 40, $wp, 'bench', $k, " +
            "$status, $ra, $rr, $votes, $priority, $t)",
            "$id", "$c", "$st", "$ws", "$we", "$wp", "$k", "$status", "$ra", "$rr", "$votes", "$priority", "$t"))
        {
            for (var s = 0; s < subjectCount; s++)
            {
                var retired = s < retiredCount;
                var votes = votesPerSubject[s];
                Run(insert, s + 1, campaignId, $"XX.S{s % 500}.00", now, now, $"bench/{s}.mseed", "k" + s,
                    retired ? (int)SubjectStatus.Retired : (int)SubjectStatus.Active, retired ? now : null, retired ? (int)RetirementReason.VoteLimit : null,
                    votes, !retired && s % 2 == 0 ? random.NextDouble() : null, now);
            }
        }

        // Spread the remaining votes as extra votes on retired subjects' volunteers? No: on open subjects would retire them.
        // Instead they go to a second, retired-only block so that open subjects keep their 0..9 votes.
        var voteId = 1L;
        await using (var insert = Command(connection, transaction,
            "INSERT INTO Classifications (Id, SubjectId, VolunteerId, Answer, FinishedAt, DurationMs, IdempotencyKey) VALUES ($id, $s, $v, $a, $t, 4000, $k)",
            "$id", "$s", "$v", "$a", "$t", "$k"))
        {
            for (var s = 0; s < subjectCount; s++)
            {
                for (var k = 0; k < votesPerSubject[s]; k++)
                {
                    var volunteer = (int)((s * 7L + k * 131L) % volunteerCount) + 1;
                    Run(insert, voteId, s + 1, volunteer, DefaultAnswers.All[(s + k) % 4], now, "b" + voteId);
                    voteId++;
                }
            }

            // The heavy volunteer answered every 10th open subject.
            for (var i = 0; i < heavyVotes; i++)
            {
                var subject = retiredCount + i * 10 % (subjectCount - retiredCount) + 1;
                Run(insert, voteId, subject, heavy, DefaultAnswers.Noise, now, "b" + voteId);
                voteId++;
            }

            // Up to the target: more voters on retired subjects (distinct from the first ones by offset).
            for (var i = 0L; i < extra; i++)
            {
                var s = (int)(i % retiredCount);
                var round = (int)(i / retiredCount);
                var volunteer = (int)((s * 7L + (MaxVotes + round) * 131L) % volunteerCount) + 1;
                Run(insert, voteId, s + 1, volunteer, DefaultAnswers.Earthquake, now, "b" + voteId);
                voteId++;
            }
        }

        await using (var update = Command(connection, transaction,
            "UPDATE Subjects SET VoteCount = (SELECT COUNT(*) FROM Classifications c WHERE c.SubjectId = Subjects.Id) WHERE Id > $retired", "$retired"))
        {
            Run(update, retiredCount);
        }

        await using (var insert = Command(connection, transaction,
            "INSERT INTO GoldLabels (SubjectId, Label, Explanation, CreatedAt) VALUES ($s, $l, 'bench', $t)", "$s", "$l", "$t"))
        {
            for (var g = 0; g < 200; g++)
            {
                Run(insert, subjectCount - 1 - g * 37, DefaultAnswers.All[g % 4], now);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return (campaignId, heavy, (volunteerCount / 2) + 1);
    }

    private static async Task<long> NewVolunteerAsync(IDbContextFactory<QuakeDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var volunteer = new Volunteer { Pseudonym = "bench-new", CreatedAt = DateTime.UtcNow };
        db.Volunteers.Add(volunteer);
        await db.SaveChangesAsync(cancellationToken);
        return volunteer.Id;
    }

    /// <summary>Runs NextAsync with EF's commands recorded, then EXPLAIN QUERY PLAN on each with its parameters.</summary>
    private static async Task<List<(string Sql, string Plan)>> CapturePlansAsync(
        IDbContextFactory<QuakeDbContext> dbFactory, SubjectQueue queue, long volunteer, int campaignId, CancellationToken cancellationToken)
    {
        var commands = new List<(string Sql, List<(string Name, object? Value)> Parameters)>();
        using var listener = new CommandListener(command => commands.Add((command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList())));
        for (var i = 0; i < 30; i++)
        {
            await queue.NextAsync(volunteer, campaignId, cancellationToken);
        }

        listener.Dispose();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var plans = new List<(string Sql, string Plan)>();
        foreach (var (sql, parameters) in commands.DistinctBy(c => c.Sql))
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(3));
            }

            var plan = string.Join("\n", lines);
            plans.Add((sql, plan));
            Console.WriteLine("  --- " + FirstLine(sql));
            Console.WriteLine(string.Join(Environment.NewLine, lines.Select(l => "      " + l)));
        }

        return plans;
    }

    private static string FirstLine(string sql)
    {
        var flat = string.Join(' ', sql.Split('\n', StringSplitOptions.TrimEntries));
        return flat.Length > 150 ? flat[..150] + "…" : flat;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
