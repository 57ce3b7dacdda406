using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Core.Exports;

namespace QuakeDetective.Core.Privacy;

/// <summary>
/// A personal-data download as files: JSON (camelCase, UTC times) and a ZIP holding the same JSON plus the votes as
/// CSV for a spreadsheet (formula-escaped like every export).
/// </summary>
public static class PersonalDataFiles
{
    public const string JsonFileName = "quakedetective-my-data.json";

    public const string ZipFileName = "quakedetective-my-data.zip";

    public static IReadOnlyList<string> VoteColumns { get; } =
        ["classification_id", "subject_id", "campaign_id", "campaign", "answer", "started_at", "finished_at", "duration_ms"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] ToJson(PersonalDataExport export) => JsonSerializer.SerializeToUtf8Bytes(export, Json);

    public static string VotesCsv(PersonalDataExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text);
        csv.Record([.. VoteColumns]);
        foreach (var vote in export.Votes)
        {
            csv.Integer(vote.ClassificationId).Integer(vote.SubjectId).Integer(vote.CampaignId).Text(vote.CampaignName).Text(vote.Answer)
                .Text(ExportText.Utc(vote.StartedAt)).Text(ExportText.Utc(vote.FinishedAt));
            if (vote.DurationMs is { } ms)
            {
                csv.Integer(ms);
            }
            else
            {
                csv.Text(null);
            }

            csv.EndRecord();
        }

        return text.ToString();
    }

    /// <summary>A ZIP of <c>my-data.json</c> and <c>votes.csv</c>, built in memory (one person's votes are small).</summary>
    public static byte[] ToZip(PersonalDataExport export)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var json = zip.CreateEntry("my-data.json", CompressionLevel.Optimal);
            using (var stream = json.Open())
            {
                stream.Write(ToJson(export));
            }

            var votes = zip.CreateEntry("votes.csv", CompressionLevel.Optimal);
            using (var stream = votes.Open())
            {
                stream.Write(new UTF8Encoding(false).GetBytes(VotesCsv(export)));
            }
        }

        return buffer.ToArray();
    }
}
