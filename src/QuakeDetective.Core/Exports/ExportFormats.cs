namespace QuakeDetective.Core.Exports;

/// <summary>Names of the formats on the command line and in the API, file names and content types.</summary>
public static class ExportFormats
{
    public static IReadOnlyList<string> Names { get; } = ["consensus-csv", "consensus-json", "votes-csv", "seisbench"];

    public static string NameOf(ExportFormat format) => format switch
    {
        ExportFormat.ConsensusCsv => "consensus-csv",
        ExportFormat.ConsensusJson => "consensus-json",
        ExportFormat.VotesCsv => "votes-csv",
        ExportFormat.SeisBench => "seisbench",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static bool TryParse(string? name, out ExportFormat format)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = (ExportFormat)i;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <summary>File name for a download: campaign slug, format, UTC time; the SeisBench dataset comes zipped on the site.</summary>
    public static string FileName(string campaignName, ExportFormat format, DateTime utc, bool zipped = false)
    {
        var slug = new string(campaignName.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        var stem = $"{(slug.Length == 0 ? "campaign" : slug)}-{NameOf(format)}-{utc:yyyyMMdd-HHmmss}";
        return format switch
        {
            ExportFormat.ConsensusJson => stem + ".json",
            ExportFormat.SeisBench => zipped ? stem + ".zip" : stem,
            _ => stem + ".csv",
        };
    }

    public static string ContentType(ExportFormat format, bool zipped = false) => format switch
    {
        ExportFormat.ConsensusJson => "application/json",
        ExportFormat.SeisBench => zipped ? "application/zip" : "application/octet-stream",
        _ => "text/csv",
    };
}
