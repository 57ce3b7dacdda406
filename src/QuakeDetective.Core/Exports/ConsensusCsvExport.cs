using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Core.Consensus.Store;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// The consensus CSV: one row per subject of the campaign, spreadsheet-safe (see <see cref="CsvWriter"/>). Columns:
/// subject_id, seed_ids (';' between channels), station, window_start, window_end (ISO 8601 UTC), campaign, label,
/// confidence, agreement, votes, votes_&lt;answer&gt; per answer, tie, method, computed_at, status, retirement_reason,
/// retired_at, gold_label, ml_label, ml_probability, ml_model_version. Subjects without votes have an empty label.
/// </summary>
public static class ConsensusCsvExport
{
    public static IReadOnlyList<string> ColumnsBefore { get; } =
        ["subject_id", "seed_ids", "station", "window_start", "window_end", "campaign", "label", "confidence", "agreement", "votes"];

    public static IReadOnlyList<string> ColumnsAfter { get; } =
        ["tie", "method", "computed_at", "status", "retirement_reason", "retired_at", "gold_label", "ml_label", "ml_probability", "ml_model_version"];

    public static IReadOnlyList<string> Columns(IReadOnlyList<string> answers) => [.. ColumnsBefore, .. ExportText.VoteColumns(answers), .. ColumnsAfter];

    public static async Task<long> WriteAsync(
        ConsensusExportSource source,
        IAsyncEnumerable<ConsensusExportRow> rows,
        TextWriter target,
        IProgress<ExportProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var output = new ChunkedTextOutput(target);
        var csv = new CsvWriter(output.Writer);
        csv.Record([.. Columns(source.Answers)]);
        var answers = source.Answers;
        var count = 0L;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var perAnswer = VotesPerAnswer.Parse(row.VotesPerAnswerJson);
            csv.Integer(row.SubjectId)
                .Text(string.Join(';', row.SeedIds))
                .Text(row.Station)
                .Text(ExportText.Utc(row.WindowStart))
                .Text(ExportText.Utc(row.WindowEnd))
                .Text(source.Campaign.Name)
                .Text(row.Label);
            Optional(csv, row.Confidence);
            Optional(csv, row.Agreement);
            csv.Integer(row.Votes);
            foreach (var answer in answers)
            {
                csv.Integer(perAnswer.GetValueOrDefault(answer));
            }

            csv.Text(row.Label is null ? null : row.IsTie ? "true" : "false")
                .Text(source.Method)
                .Text(ExportText.Utc(row.ComputedAt))
                .Text(row.StatusName)
                .Text(row.RetirementReasonName)
                .Text(ExportText.Utc(row.RetiredAt))
                .Text(row.GoldLabel)
                .Text(row.MlLabel);
            Optional(csv, row.MlProbability);
            csv.Text(row.MlLabel is null ? null : source.ModelName);
            csv.EndRecord();
            if ((++count & 0xFF) == 0)
            {
                progress?.Report(new ExportProgress("writing subjects", count, source.Total));
            }

            await output.MaybeFlushAsync(cancellationToken);
        }

        progress?.Report(new ExportProgress("writing subjects", count, source.Total));
        return count;
    }

    private static void Optional(CsvWriter csv, double? value)
    {
        if (value is { } v)
        {
            csv.Number(v);
        }
        else
        {
            csv.Text(null);
        }
    }
}
