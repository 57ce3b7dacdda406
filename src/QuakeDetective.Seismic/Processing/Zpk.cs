using System.Numerics;

namespace QuakeDetective.Seismic.Processing;

/// <summary>A filter as zeros, poles and gain (analog in s or digital in z, depending on the design step).</summary>
internal sealed record Zpk(Complex[] Zeros, Complex[] Poles, double Gain)
{
    /// <summary>Poles minus zeros: the zeros at infinity that frequency transforms must place somewhere.</summary>
    public int RelativeDegree => Poles.Length - Zeros.Length;
}
