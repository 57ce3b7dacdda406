using System.Text.Json;
using QuakeDetective.Core.Consensus.Store;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// The consensus as JSON (camelCase): a header with the campaign, its answers, the method and the model, then
/// "subjects": the same fields as the CSV (seedIds as an array, votesPerAnswer as an object), streamed.
/// </summary>
public static class ConsensusJsonExport
{
    private const int FlushAtBytes = 64 * 1024;

    public static async Task<long> WriteAsync(
        ConsensusExportSource source,
        IAsyncEnumerable<ConsensusExportRow> rows,
        Stream target,
        DateTime exportedAt,
        IProgress<ExportProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(target, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteStartObject("campaign");
        json.WriteNumber("id", source.Campaign.Id);
        json.WriteString("name", source.Campaign.Name);
        json.WriteStartArray("answers");
        foreach (var answer in source.Answers)
        {
            json.WriteStringValue(answer);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString("method", source.Method);
        json.WriteString("exportedAt", ExportText.Utc(exportedAt));
        WriteStringOrNull(json, "modelVersion", source.ModelName);
        json.WriteNumber("subjectCount", source.Total);
        json.WriteStartArray("subjects");
        var count = 0L;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            WriteRow(json, source, row);
            if ((++count & 0xFF) == 0)
            {
                progress?.Report(new ExportProgress("writing subjects", count, source.Total));
            }

            if (json.BytesPending >= FlushAtBytes)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        progress?.Report(new ExportProgress("writing subjects", count, source.Total));
        return count;
    }

    private static void WriteRow(Utf8JsonWriter json, ConsensusExportSource source, ConsensusExportRow row)
    {
        json.WriteStartObject();
        json.WriteNumber("subjectId", row.SubjectId);
        json.WriteStartArray("seedIds");
        foreach (var id in row.SeedIds)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteString("station", row.Station);
        json.WriteString("windowStart", ExportText.Utc(row.WindowStart));
        json.WriteString("windowEnd", ExportText.Utc(row.WindowEnd));
        json.WriteString("campaign", source.Campaign.Name);
        WriteStringOrNull(json, "label", row.Label);
        WriteNumberOrNull(json, "confidence", row.Confidence);
        WriteNumberOrNull(json, "agreement", row.Agreement);
        json.WriteNumber("votes", row.Votes);
        json.WriteStartObject("votesPerAnswer");
        var perAnswer = VotesPerAnswer.Parse(row.VotesPerAnswerJson);
        foreach (var answer in source.Answers)
        {
            json.WriteNumber(answer, perAnswer.GetValueOrDefault(answer));
        }

        json.WriteEndObject();
        if (row.Label is null)
        {
            json.WriteNull("tie");
        }
        else
        {
            json.WriteBoolean("tie", row.IsTie);
        }

        json.WriteString("method", source.Method);
        WriteStringOrNull(json, "computedAt", ExportText.Utc(row.ComputedAt));
        json.WriteString("status", row.StatusName);
        WriteStringOrNull(json, "retirementReason", row.RetirementReasonName);
        WriteStringOrNull(json, "retiredAt", ExportText.Utc(row.RetiredAt));
        WriteStringOrNull(json, "goldLabel", row.GoldLabel);
        WriteStringOrNull(json, "mlLabel", row.MlLabel);
        WriteNumberOrNull(json, "mlProbability", row.MlProbability);
        WriteStringOrNull(json, "mlModelVersion", row.MlLabel is null ? null : source.ModelName);
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
