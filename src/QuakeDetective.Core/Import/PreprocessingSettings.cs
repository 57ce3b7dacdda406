using System.Text.Json;
using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Core.Import;

/// <summary>Reads a campaign's preprocessing JSON (PreprocessingOptions; "{}" = demean, detrend, 5 % taper).</summary>
public static class PreprocessingSettings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static PreprocessingOptions Parse(string? json, string campaignName)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new PreprocessingOptions();
        }

        try
        {
            var options = JsonSerializer.Deserialize<PreprocessingOptions>(json, Json) ?? new PreprocessingOptions();
            options.Validate();
            return options;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new ImportRequestException($"The preprocessing settings of campaign '{campaignName}' are not valid ({ex.Message}); fix them on the campaign's settings page.");
        }
    }
}
