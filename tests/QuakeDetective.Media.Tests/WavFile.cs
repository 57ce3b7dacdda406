using NAudio.Wave;

namespace QuakeDetective.Media.Tests;

/// <summary>Decodes a 16-bit mono WAV with NAudio for assertions.</summary>
internal sealed record WavFile(int SampleRate, int BitsPerSample, int Channels, short[] Samples)
{
    public double DurationSeconds => (double)Samples.Length / SampleRate;

    public static WavFile Decode(byte[] bytes)
    {
        using var reader = new WaveFileReader(new MemoryStream(bytes));
        var data = new byte[reader.Length];
        var read = reader.Read(data, 0, data.Length);
        var samples = new short[read / 2];
        Buffer.BlockCopy(data, 0, samples, 0, samples.Length * 2);
        return new WavFile(reader.WaveFormat.SampleRate, reader.WaveFormat.BitsPerSample, reader.WaveFormat.Channels, samples);
    }

    /// <summary>Frequency of the strongest spectral line (FFT of the whole sound).</summary>
    public double PeakFrequencyHz()
    {
        var spectrum = Samples.Select(s => new System.Numerics.Complex(s, 0)).ToArray();
        MathNet.Numerics.IntegralTransforms.Fourier.Forward(spectrum, MathNet.Numerics.IntegralTransforms.FourierOptions.Matlab);
        var best = 1;
        for (var k = 1; k < spectrum.Length / 2; k++)
        {
            if (spectrum[k].Magnitude > spectrum[best].Magnitude)
            {
                best = k;
            }
        }

        return best * (double)SampleRate / spectrum.Length;
    }

    public double Rms() => Math.Sqrt(Samples.Average(s => (double)s * s));
}
