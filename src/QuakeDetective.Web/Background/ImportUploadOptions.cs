using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Web.Background;

/// <summary>Configuration section "Import": limits on what the admin page accepts.</summary>
public sealed class ImportUploadOptions
{
    public const string SectionName = "Import";

    /// <summary>Largest upload (all files of one form together), default 1 GiB.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 1L << 30;

    [Range(1, 100_000)]
    public int MaxFiles { get; set; } = 1000;

    /// <summary>Largest events or stations CSV, default 20 MiB.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxCsvBytes { get; set; } = 20L << 20;

    /// <summary>Extensions of waveform uploads; SeisComP archive names (NET.STA.LOC.CHA.D.YYYY.DDD) are accepted as well.</summary>
    public string[] Extensions { get; set; } = [".mseed", ".miniseed", ".ms", ".msd", ".mseed2", ".mseed3", ".ms3", ".sac"];
}
