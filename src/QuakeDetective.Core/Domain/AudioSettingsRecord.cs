namespace QuakeDetective.Core.Domain;

/// <summary>How a campaign's subjects sound: band-pass, speed-up and loudness compression.</summary>
public class AudioSettingsRecord
{
    public double BandLowHz { get; set; } = 2.0;

    public double BandHighHz { get; set; } = 8.0;

    /// <summary>400× turns 40 Hz data into 16 kHz audio and 2000 s of data into 5 s of sound.</summary>
    public double SpeedUp { get; set; } = 400.0;

    public bool Compression { get; set; } = true;
}
