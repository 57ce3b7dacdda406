using System.Globalization;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Media.Audio;

/// <summary>
/// Turns a subject's vertical component into a sped-up 16-bit mono WAV: demean, taper, zero-phase band-pass,
/// speed-up by re-labelling the sampling rate, resampling only when that rate is not browser-friendly,
/// normalisation and arctan loudness compression, short fades. Thread-safe and stateless.
/// </summary>
public sealed class AudioRenderer
{
    /// <summary>Bumped whenever the rendered sound changes for the same input, so that cached files are not reused.</summary>
    public const int FormatVersion = 1;

    /// <summary>Full scale is 95 % of the 16-bit range so that no sample reaches ±32767.</summary>
    internal const double Headroom = 0.95;

    private static readonly int[] ResampleTargets = [16_000, 22_050, 44_100, 48_000];

    /// <summary>Renders the WAV file into a new byte array.</summary>
    public byte[] RenderWav(Trace vertical, AudioSettings settings)
    {
        using var buffer = new MemoryStream();
        RenderWav(vertical, settings, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the WAV file to <paramref name="destination"/>, which is left open (NAudio 3 leaves caller streams open).</summary>
    public void RenderWav(Trace vertical, AudioSettings settings, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var sound = RenderSamples(vertical, settings, out var sampleRate);
        var pcm = new short[sound.Length];
        for (var i = 0; i < sound.Length; i++)
        {
            pcm[i] = (short)Math.Round(Math.Clamp(sound[i], -1.0, 1.0) * Headroom * short.MaxValue);
        }

        using var writer = new WaveFileWriter(destination, new WaveFormat(sampleRate, 16, 1));
        writer.WriteSamples(pcm, 0, pcm.Length);
    }

    /// <summary>
    /// The sampling rate of the sound: data rate × speed-up when that lies in 8–48 kHz, otherwise the nearest
    /// browser-friendly rate (16 000, 22 050, 44 100 or 48 000 Hz) that the sound is resampled to. Resampling keeps
    /// the pitch mapping: f Hz in the data is f × speed-up Hz in the sound either way.
    /// </summary>
    public static int OutputSampleRate(double dataSampleRate, double speedUp)
    {
        var native = NativeSampleRate(dataSampleRate, speedUp);
        if (native is >= AudioSettings.MinNativeSampleRate and <= AudioSettings.MaxNativeSampleRate)
        {
            return native;
        }

        return native > AudioSettings.MaxNativeSampleRate
            ? AudioSettings.MaxNativeSampleRate
            : ResampleTargets.First(rate => rate >= native);
    }

    /// <summary>The processed sound, samples in [-1, 1] at <paramref name="sampleRate"/>, before quantisation.</summary>
    internal static double[] RenderSamples(Trace vertical, AudioSettings settings, out int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(vertical);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (vertical.Count == 0)
        {
            throw new ArgumentException($"Trace {vertical.Id} has no samples, so there is no sound to render.", nameof(vertical));
        }

        var nyquist = vertical.SampleRate / 2;
        if (settings.BandHighHz >= nyquist)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Audio band-pass high corner {settings.BandHighHz} Hz is not below the Nyquist frequency {nyquist} Hz of {vertical.Id} ({vertical.SampleRate} Hz); lower BandHighHz for this campaign."),
                nameof(settings));
        }

        var nativeRate = NativeSampleRate(vertical.SampleRate, settings.SpeedUp);
        sampleRate = OutputSampleRate(vertical.SampleRate, settings.SpeedUp);

        var x = Conditioning.DemeanAndFill(vertical.Samples);
        Conditioning.HannTaper(x, settings.TaperFraction);
        var filter = Butterworth.BandPass(settings.FilterCorners, settings.BandLowHz, settings.BandHighHz, vertical.SampleRate);
        var filtered = filter.FilterZeroPhase(x);

        // Speed-up is only a new label on the sampling rate; resample when that rate is not playable as it is.
        var sound = sampleRate == nativeRate ? filtered : Resample(filtered, nativeRate, sampleRate);

        ScaleAndCompress(sound, settings);
        ApplyFades(sound, (int)Math.Round(settings.FadeMs / 1000.0 * sampleRate));
        return sound;
    }

    private static int NativeSampleRate(double dataSampleRate, double speedUp)
    {
        if (!(double.IsFinite(dataSampleRate) && dataSampleRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dataSampleRate), dataSampleRate, "The data's sampling rate must be positive.");
        }

        if (!(double.IsFinite(speedUp) && speedUp > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(speedUp), speedUp, "Audio setting SpeedUp must be a positive number.");
        }

        var native = dataSampleRate * speedUp;
        if (native < 1 || native > int.MaxValue)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Data at {dataSampleRate} Hz sped up {speedUp}× gives {native} Hz, which cannot be played; choose a speed-up that gives 8–48 kHz."),
                nameof(speedUp));
        }

        // Rates are whole numbers in WAV files; rounding moves the pitch by less than 0.01 % above 8 kHz.
        return (int)Math.Round(native);
    }

    /// <summary>NAudio.Core's managed WDL resampler (its own anti-alias filter), trimmed to the exact expected length.</summary>
    private static double[] Resample(double[] samples, int fromRate, int toRate)
    {
        var input = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            input[i] = (float)samples[i];
        }

        var expected = (int)Math.Round((long)samples.Length * (double)toRate / fromRate);
        var resampler = new WdlResamplingSampleProvider(new FloatArraySampleProvider(input, fromRate), toRate);
        var output = new float[expected + 4096];
        var filled = 0;
        while (filled < output.Length)
        {
            var read = resampler.Read(output.AsSpan(filled));
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        var result = new double[expected];
        for (var i = 0; i < Math.Min(expected, filled); i++)
        {
            result[i] = output[i];
        }

        return result;
    }

    private static void ScaleAndCompress(double[] sound, AudioSettings settings)
    {
        double scale;
        if (settings.FixedAmplitude is { } fixedAmplitude)
        {
            scale = 1.0 / fixedAmplitude;
        }
        else
        {
            var peak = 0.0;
            foreach (var s in sound)
            {
                peak = Math.Max(peak, Math.Abs(s));
            }

            // A silent (or numerically silent) window stays silent instead of amplifying rounding noise.
            scale = peak > 1e-300 ? 1.0 / peak : 0.0;
        }

        var gain = settings.CompressionGain;

        // Per subject the peak is at 1, so dividing by atan(g) puts it at full scale. With a fixed amplitude any
        // sample may exceed it; dividing by π/2 keeps every output below full scale however large the input.
        var norm = settings.FixedAmplitude is null ? Math.Atan(gain) : Math.PI / 2;
        for (var i = 0; i < sound.Length; i++)
        {
            var v = sound[i] * scale;
            sound[i] = settings.CompressionEnabled ? Math.Atan(gain * v) / norm : Math.Clamp(v, -1.0, 1.0);
        }
    }

    private static void ApplyFades(double[] sound, int fadeLength)
    {
        fadeLength = Math.Min(fadeLength, sound.Length / 2);
        if (fadeLength < 1)
        {
            return;
        }

        for (var i = 0; i < fadeLength; i++)
        {
            // Raised-cosine ramp from exactly 0 at the ends, no click.
            var w = 0.5 * (1 - Math.Cos(Math.PI * i / fadeLength));
            sound[i] *= w;
            sound[sound.Length - 1 - i] *= w;
        }
    }
}
