using System.CommandLine;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Csv;

namespace QuakeDetective.Cli.Commands;

/// <summary>`quake aggregate --votes CSV [--gold CSV] [--method M] --out CSV`: offline consensus of any votes file.</summary>
public static class AggregateCommand
{
    /// <summary>Bad rows printed per file; the rest are only counted so a broken file cannot flood the terminal.</summary>
    private const int MaxReportedProblems = 50;

    public static Command Create()
    {
        var command = new Command(
            "aggregate",
            "Aggregate a votes CSV (columns subject_id,volunteer_id,label; any order; extra columns ignored) into consensus labels, " +
            "written as subject_id,label,confidence,votes,agreement. Bad rows are reported as 'FILE line N: reason' on stderr and skipped; " +
            "a repeated vote by the same volunteer on the same subject is ignored (the first counts). The exit code is non-zero only when " +
            "nothing usable remains (no header, no good vote row, no good gold row when --gold is given) or a file cannot be read or written.");
        var votes = new Option<string>("--votes") { Description = "Votes CSV with a header row subject_id,volunteer_id,label.", Required = true };
        var gold = new Option<string?>("--gold") { Description = "Optional expert labels CSV with a header row subject_id,label (used by weighted and dawid-skene)." };
        var method = new Option<string>("--method")
        {
            Description = "majority (share of the winning answer), weighted (votes weighted by each volunteer's per-class F1 on gold), " +
                          "or dawid-skene (EM over per-volunteer confusion matrices). Default: majority.",
            DefaultValueFactory = _ => AggregationMethods.Majority,
        };
        var classes = new Option<string?>("--classes")
        {
            Description = "Comma-separated class order, e.g. \"Earthquake,Tremor,Noise,None of the above\"; ties go to the class listed first " +
                          "(default: labels in ordinal order).",
        };
        var output = new Option<string>("--out") { Description = "Output CSV (written to a temporary file, then moved into place).", Required = true };
        command.Options.Add(votes);
        command.Options.Add(gold);
        command.Options.Add(method);
        command.Options.Add(classes);
        command.Options.Add(output);
        command.SetAction((parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                return Task.FromResult(Run(
                    parse.GetRequiredValue(votes),
                    parse.GetValue(gold),
                    parse.GetValue(method) ?? AggregationMethods.Majority,
                    parse.GetValue(classes),
                    parse.GetRequiredValue(output),
                    stdout,
                    stderr,
                    ct));
            }
            catch (CliUserException ex)
            {
                // Reported here too so that the one-line rule holds whoever invokes the command.
                stderr.WriteLine($"quake: {ex.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private static int Run(string votesPath, string? goldPath, string method, string? classOrder, string outPath, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var aggregator = AggregationMethods.All.Contains(method, StringComparer.OrdinalIgnoreCase)
            ? AggregationMethods.Create(method)
            : throw new CliUserException($"unknown --method '{method}'; expected one of: {string.Join(", ", AggregationMethods.All)}.");

        var votesName = Path.GetFileName(votesPath);
        var read = ReadFile(votesPath, "votes", p => VoteCsvReader.ReadFile(p, ct));
        if (!read.HeaderValid)
        {
            throw new CliUserException($"{votesName} {read.Problems[^1]}");
        }

        Report(stderr, votesName, read.Problems);
        if (read.Votes.Count == 0)
        {
            throw new CliUserException($"{votesName}: no usable vote rows ({read.Problems.Count} bad); nothing to aggregate.");
        }

        if (read.DuplicateCount > 0)
        {
            stderr.WriteLine($"{votesName}: {read.DuplicateCount} repeated vote{(read.DuplicateCount == 1 ? "" : "s")} by the same volunteer on the same subject ignored (the first of each counts).");
        }

        GoldLabels? goldLabels = null;
        if (goldPath is not null)
        {
            var goldName = Path.GetFileName(goldPath);
            var goldRead = ReadFile(goldPath, "gold", p => GoldCsvReader.ReadFile(p, ct));
            if (!goldRead.HeaderValid)
            {
                throw new CliUserException($"{goldName} {goldRead.Problems[^1]}");
            }

            Report(stderr, goldName, goldRead.Problems);
            if (goldRead.Gold.Count == 0)
            {
                throw new CliUserException($"{goldName}: no usable gold rows ({goldRead.Problems.Count} bad); fix the file or leave out --gold.");
            }

            goldLabels = goldRead.Gold;
            var voted = read.Votes.Select(v => v.SubjectId).ToHashSet(StringComparer.Ordinal);
            var unused = goldLabels.Labels.Keys.Count(s => !voted.Contains(s));
            if (unused > 0)
            {
                stderr.WriteLine($"{goldName}: {unused} gold subject{(unused == 1 ? " has" : "s have")} no votes and {(unused == 1 ? "is" : "are")} ignored.");
            }
        }

        // Every label that occurs, so that gold may name a class nobody voted for.
        var labels = read.Votes.Select(v => v.Label).Concat(goldLabels?.Labels.Values ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var order = classOrder?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var voteSet = VoteSet.Create(read.Votes, order.Concat(labels.Where(l => !order.Contains(l))));

        var result = aggregator.Aggregate(voteSet, goldLabels, ct);

        var fullOut = Path.GetFullPath(outPath);
        if (!Directory.Exists(Path.GetDirectoryName(fullOut)))
        {
            throw new CliUserException($"cannot write '{outPath}': the folder {Path.GetDirectoryName(fullOut)} does not exist.");
        }

        try
        {
            ConsensusCsvWriter.WriteFile(fullOut, result, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUserException($"cannot write '{outPath}': {ex.Message}", ex);
        }

        var ties = result.Subjects.Count(s => s.IsTie);
        var em = result.Iterations > 0 ? $"; {(result.Converged ? "converged after" : "stopped at the cap of")} {result.Iterations} iterations" : "";
        stdout.WriteLine(
            $"Aggregated {voteSet.VoteCount} votes by {voteSet.VolunteerCount} volunteers on {voteSet.SubjectCount} subjects with {result.Method}{em}; " +
            $"{ties} tie{(ties == 1 ? "" : "s")} (broken by class order: {string.Join(", ", voteSet.Classes)}). Wrote {outPath}.");
        return 0;
    }

    private static T ReadFile<T>(string path, string what, Func<string, T> read)
    {
        if (!File.Exists(path))
        {
            throw new CliUserException($"{what} file '{path}' not found.");
        }

        try
        {
            return read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUserException($"cannot read {what} file '{path}': {ex.Message}", ex);
        }
    }

    private static void Report(TextWriter stderr, string fileName, IReadOnlyList<CsvProblem> problems)
    {
        foreach (var problem in problems.Take(MaxReportedProblems))
        {
            stderr.WriteLine($"{fileName} {problem}");
        }

        if (problems.Count > MaxReportedProblems)
        {
            stderr.WriteLine($"{fileName}: {problems.Count - MaxReportedProblems} more bad rows not shown ({problems.Count} in all).");
        }
    }
}
