using NAudio.Wave;

namespace QuakeDetective.Media.Audio;

/// <summary>Plays a mono float array once, so that NAudio's sample providers (the resampler) can read it.</summary>
internal sealed class FloatArraySampleProvider : ISampleProvider
{
    private readonly float[] _samples;
    private int _position;

    public FloatArraySampleProvider(float[] samples, int sampleRate)
    {
        _samples = samples;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, 1);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(Span<float> buffer)
    {
        var count = Math.Min(buffer.Length, _samples.Length - _position);
        _samples.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
