using System.CommandLine;

namespace QuakeDetective.Cli;

/// <summary>Options shared by the verbs that use the database.</summary>
public static class CommonOptions
{
    public static Option<string?> DataFolder() => new("--data-folder")
    {
        Description = "Data folder holding the database, waveforms and models (default: the site's, ~/.local/share/QuakeDetective; or Storage__DataFolder).",
    };
}
