using System.Globalization;
using QuakeDetective.Core.Domain;
using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Core.Import;

/// <summary>The window and preprocessing settings of one import: the request's overrides, else the campaign's.</summary>
internal sealed record ImportSettingsInUse(double WindowSeconds, double StepSeconds, double VelocityKmPerS, PreprocessingOptions Preprocessing, int? EventCount)
{
    public static ImportSettingsInUse For(Campaign campaign, ImportRequest request)
    {
        var window = request.WindowSeconds ?? campaign.Import.WindowSeconds;
        var step = request.StepSeconds ?? campaign.Import.StepSeconds ?? window;
        var velocity = campaign.Import.SurfaceWaveVelocityKmPerS;
        if (!(window > 0) || !(step > 0) || !(velocity > 0))
        {
            throw new ImportRequestException($"Campaign '{campaign.Name}' has invalid import settings (window {window} s, step {step} s, velocity {velocity} km/s); fix them or give --window/--step.");
        }

        return new ImportSettingsInUse(window, step, velocity, PreprocessingSettings.Parse(campaign.Import.PreprocessingJson, campaign.Name), request.Events?.Count);
    }

    public string Describe()
    {
        var windows = EventCount is { } events
            ? $"{Format(WindowSeconds)} s windows from the surface-wave arrival (origin + distance / {Format(VelocityKmPerS)} km/s) of {events} event(s)"
            : $"fixed {Format(WindowSeconds)} s windows every {Format(StepSeconds)} s";
        return $"{windows}; preprocessing {Preprocessing.Version}";
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
