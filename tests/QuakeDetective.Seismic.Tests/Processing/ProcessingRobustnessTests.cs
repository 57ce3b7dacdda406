using MathNet.Numerics;
using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Tests.Processing;

public sealed class ProcessingRobustnessTests
{
    [Fact]
    public void AllOperations_EmptyInput_GiveEmptyOutput()
    {
        Assert.Empty(Detrend.Demean([]));
        Assert.Empty(Detrend.Linear([]));
        Assert.Empty(Taper.Hann([], 0.05));
        Assert.Empty(Taper.Tukey([], 0.1));
        Assert.Empty(Resample.Decimate([], 4));
        Assert.Empty(Resample.Polyphase([], 2, 5));
        Assert.Empty(StaLta.Classic([], 10, 100));
    }

    [Fact]
    public void DetrendLinear_SingleSample_GivesZero()
    {
        Assert.Equal([0.0], Detrend.Linear([7.5]));
    }

    [Fact]
    public void DetrendLinear_ExactLine_LeavesZeros()
    {
        var x = Enumerable.Range(0, 1001).Select(i => 3.0 - 0.25 * i).ToArray();

        Assert.All(Detrend.Linear(x), v => Assert.True(Math.Abs(v) < 1e-12, $"{v}"));
    }

    [Fact]
    public void DetrendLinear_AgreesWithMathNetLineFit()
    {
        var random = new Random(7);
        var y = Enumerable.Range(0, 5000).Select(i => 0.01 * i + random.NextDouble()).ToArray();
        var (intercept, slope) = Fit.Line(Enumerable.Range(0, y.Length).Select(i => (double)i).ToArray(), y);

        var got = Detrend.Linear(y);

        Close.Arrays(y.Select((v, i) => v - (intercept + slope * i)).ToArray(), got, 1e-12);
    }

    [Fact]
    public void TaperHann_ShortInputs_StayFiniteAndMatchLength()
    {
        Assert.Equal([5.0], Taper.Hann([5.0], 0.5));
        Assert.Equal([0.0, 0.0], Taper.Hann([1.0, 1.0], 0.5));
        var w = Taper.HannWindow(10, 0.5);
        Assert.Equal(10, w.Length);
        Assert.Equal(0.0, w[0]);
        Assert.Equal(0.0, w[9]);
    }

    [Fact]
    public void TaperHann_FractionOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Taper.Hann(new double[10], 0.6));
    }

    [Fact]
    public void TaperTukey_EdgeAlphas_AreRectangularAndHann()
    {
        Assert.All(Taper.TukeyWindow(50, 0), v => Assert.Equal(1.0, v));
        Close.Arrays(Window.Hann(50), Taper.TukeyWindow(50, 1.0), 1e-15);
    }

    [Fact]
    public void Decimate_ShortInput_FallsBackToShorterPadding()
    {
        var got = Resample.Decimate([1.0, 2.0, 3.0, 4.0, 5.0], 2);

        Assert.Equal(3, got.Length);
        Assert.All(got, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Polyphase_ConstantSignal_KeepsLevelAwayFromEdges()
    {
        var x = Enumerable.Repeat(2.0, 1000).ToArray();

        var y = Resample.Polyphase(x, 2, 5);

        Assert.Equal(400, y.Length);
        for (var i = 30; i < 370; i++)
        {
            Assert.Equal(2.0, y[i], 3);
        }
    }

    [Theory]
    [InlineData(100.0, 40.0, 2, 5)]
    [InlineData(40.0, 100.0, 5, 2)]
    [InlineData(200.0, 40.0, 1, 5)]
    [InlineData(50.0, 40.0, 4, 5)]
    [InlineData(19.5, 39.0, 2, 1)]
    [InlineData(40.0, 40.0, 1, 1)]
    public void RationalFactors_CommonRates_UseGreatestCommonDivisor(double from, double to, int up, int down)
    {
        Assert.Equal((up, down), Resample.RationalFactors(from, to));
    }

    [Fact]
    public void RationalFactors_IrrationalRatio_ThrowsClearly()
    {
        var ex = Assert.Throws<ArgumentException>(() => Resample.RationalFactors(100.0, Math.PI));

        Assert.Contains("100 Hz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StaLta_InputShorterThanLongWindow_IsAllZero()
    {
        Assert.All(StaLta.Classic(new double[50], 5, 100), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void StaLta_Silence_IsZeroNotNaN()
    {
        Assert.All(StaLta.Classic(new double[300], 10, 100), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void StaLta_LongTraceWithBurst_HasNoDriftFromRunningSums()
    {
        // A day at 100 Hz of unit noise: the ratio must stay near 1 at the end, where a naive running sum has drifted.
        var random = new Random(3);
        var x = new double[8_640_000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = random.NextDouble() - 0.5;
        }

        x[100_000] = 1e6; // a huge spike early on, which a naive sum cannot subtract exactly again

        var c = StaLta.Classic(x, 100, 1000);

        var direct = Enumerable.Range(x.Length - 100, 100).Sum(j => x[j] * x[j]) / 100 /
                     (Enumerable.Range(x.Length - 1000, 1000).Sum(j => x[j] * x[j]) / 1000);
        Assert.Equal(direct, c[^1], 10);
    }

    [Fact]
    public void StaLta_BadWindows_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StaLta.Classic(new double[10], 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StaLta.Classic(new double[10], 10, 5));
    }

    [Fact]
    public void ChebyshevI_EvenOrder_HasDcGainOfRippleFloor()
    {
        var filter = ChebyshevI.LowPass(8, 0.05, 10, 100);

        Assert.Equal(Math.Pow(10, -0.05 / 20), ButterworthTests.Magnitude(filter, 0, 100), 10);
    }

    [Fact]
    public void ChebyshevI_CornerAboveNyquist_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChebyshevI.LowPass(8, 0.05, 60, 100));
    }
}
