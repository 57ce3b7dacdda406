namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// The header fields of a binary SAC file that a seismologist needs (SAC manual, "SAC data format"). Undefined values
/// (-12345 in the file) are null. Angles and coordinates are in degrees, depths in km (evdp) or m (stel, stdp), as SAC
/// defines them; times (b, e, o, a, t0-t9) are seconds relative to the reference time.
/// </summary>
public sealed class SacHeader
{
    public required bool BigEndian { get; init; }

    /// <summary>Header version (6, or 7 for files with the double-precision footer).</summary>
    public required int Version { get; init; }

    public required int Npts { get; init; }

    /// <summary>Sampling interval in seconds.</summary>
    public required double Delta { get; init; }

    public double? B { get; init; }

    public double? E { get; init; }

    public double? O { get; init; }

    public double? A { get; init; }

    /// <summary>Pick times t0 to t9 (ten entries, null when undefined).</summary>
    public IReadOnlyList<double?> T { get; init; } = new double?[10];

    public double? DepMin { get; init; }

    public double? DepMax { get; init; }

    public double? DepMen { get; init; }

    public double? Scale { get; init; }

    public double? Stla { get; init; }

    public double? Stlo { get; init; }

    /// <summary>Station elevation in metres.</summary>
    public double? Stel { get; init; }

    public double? Stdp { get; init; }

    public double? Evla { get; init; }

    public double? Evlo { get; init; }

    public double? Evel { get; init; }

    /// <summary>Event depth (km in current SAC; some writers use metres).</summary>
    public double? Evdp { get; init; }

    public double? Mag { get; init; }

    /// <summary>Epicentral distance in km.</summary>
    public double? Dist { get; init; }

    public double? Az { get; init; }

    public double? Baz { get; init; }

    /// <summary>Epicentral distance in degrees.</summary>
    public double? Gcarc { get; init; }

    public double? CmpAz { get; init; }

    public double? CmpInc { get; init; }

    public int? NzYear { get; init; }

    public int? NzJday { get; init; }

    public int? NzHour { get; init; }

    public int? NzMin { get; init; }

    public int? NzSec { get; init; }

    public int? NzMsec { get; init; }

    /// <summary>File type: 1 = ITIME (time series); 2, 3 = spectra; 4 = IXY.</summary>
    public int? IfType { get; init; }

    public int? IDep { get; init; }

    public int? IzType { get; init; }

    public bool? Leven { get; init; }

    public string? Kstnm { get; init; }

    public string? Kevnm { get; init; }

    public string? Khole { get; init; }

    public string? Kcmpnm { get; init; }

    public string? Knetwk { get; init; }

    public string? Kinst { get; init; }

    /// <summary>The reference time nzyear/nzjday/nzhour/nzmin/nzsec/nzmsec, or null when any part is undefined.</summary>
    public long? ReferenceTimeNs { get; init; }

    /// <summary>Time of the first sample: reference time (the epoch when undefined, as ObsPy does) plus b.</summary>
    public long StartTimeNs => (ReferenceTimeNs ?? 0) + (long)Math.Round((B ?? 0) * 1e9);

    public double SampleRate => 1.0 / Delta;

    /// <summary>NET.STA.LOC.CHA from knetwk, kstnm, khole, kcmpnm (undefined parts empty).</summary>
    public SeedId Id => new(Knetwk ?? "", Kstnm ?? "", Khole ?? "", Kcmpnm ?? "");
}
