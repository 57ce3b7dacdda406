using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Media;

/// <summary>Where rendered media is kept, and which font plots use. Bound from configuration by the host.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Folder of the disk cache of rendered plots and sounds; the host sets it under its data folder.</summary>
    [Required(ErrorMessage = "Media:CacheFolder must be set (the web project puts it under Storage:DataFolder).")]
    public string CacheFolder { get; set; } = string.Empty;

    /// <summary>Optional TrueType file for plot text; by default DejaVu Sans or another common sans-serif font is found.</summary>
    public string? FontFile { get; set; }
}
