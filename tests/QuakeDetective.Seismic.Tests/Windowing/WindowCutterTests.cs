using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Seismic.Tests.Windowing;

public class WindowCutterTests
{
    [Fact]
    public void Cut_CompleteData_CopiesTheWindowsSamples()
    {
        var z = TestTraces.Make("IU.ANMO.00.BHZ", 60);
        var n = TestTraces.Make("IU.ANMO.00.BHN", 60, offset: 1000);
        var set = Assert.Single(ComponentGrouper.Group([z, n]).Sets);
        var window = new WindowSpec(TestTraces.T0 + TestTraces.Seconds(10), 200, 20);

        var cut = WindowCutter.Cut(set, window);

        Assert.False(cut.Skipped);
        Assert.Equal(2, cut.Traces.Count);
        Assert.Equal(Enumerable.Range(200, 200).Select(i => (double)i), cut.Traces[0].Samples);
        Assert.Equal(1200.0, cut.Traces[1].Samples[0]);
        Assert.All(cut.Traces, t => Assert.Equal(window.StartNs, t.StartTimeNs));
        Assert.Equal(1.0, cut.VerticalCoverage);
    }

    [Fact]
    public void Cut_SmallGap_IsFilledWithTheMeanAndKept()
    {
        // Two segments with a 1 s hole (20 samples) in a 30 s window: 95 % coverage.
        var first = TestTraces.Make("IU.ANMO.00.BHZ", 15);
        var second = TestTraces.Make("IU.ANMO.00.BHZ", 14, start: TestTraces.T0 + TestTraces.Seconds(16), offset: 320);
        var set = Assert.Single(ComponentGrouper.Group([first, second]).Sets);

        var cut = WindowCutter.Cut(set, new WindowSpec(TestTraces.T0, 600, 20));

        Assert.False(cut.Skipped);
        Assert.Equal(580.0 / 600, cut.VerticalCoverage, 9);
        var samples = cut.Traces[0].Samples;
        Assert.Equal(299.0, samples[299]);
        Assert.Equal(320.0, samples[320]);
        var mean = samples.Where((_, i) => i < 300 || i >= 320).Average();
        Assert.All(samples.Skip(300).Take(20), v => Assert.Equal(mean, v, 9));
    }

    [Fact]
    public void Cut_TooMuchMissing_IsSkippedWithTheCoverage()
    {
        var half = TestTraces.Make("IU.ANMO.00.BHZ", 15);
        var set = Assert.Single(ComponentGrouper.Group([half]).Sets);

        var cut = WindowCutter.Cut(set, new WindowSpec(TestTraces.T0, 600, 20), minCoverage: 0.9);

        Assert.True(cut.Skipped);
        Assert.Empty(cut.Traces);
        Assert.Contains("only 50 % of the window has BHZ data (at least 90 % needed)", cut.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cut_NoDataAtAll_SaysSo()
    {
        var set = Assert.Single(ComponentGrouper.Group([TestTraces.Make("IU.ANMO.00.BHZ", 15)]).Sets);

        var cut = WindowCutter.Cut(set, new WindowSpec(TestTraces.T0 + TestTraces.Seconds(100), 200, 20));

        Assert.Equal("no BHZ data in the window", cut.SkipReason);
    }

    [Fact]
    public void Cut_HorizontalWithAGap_IsLeftOutButTheVerticalStays()
    {
        var z = TestTraces.Make("IU.ANMO.00.BHZ", 60);
        var n = TestTraces.Make("IU.ANMO.00.BHN", 60);
        var e = TestTraces.Make("IU.ANMO.00.BHE", 20);
        var set = Assert.Single(ComponentGrouper.Group([z, n, e]).Sets);

        var cut = WindowCutter.Cut(set, new WindowSpec(TestTraces.T0, 1200, 20));

        Assert.False(cut.Skipped);
        Assert.Equal(["BHZ", "BHN"], cut.Traces.Select(t => t.Id.Channel));
        Assert.Contains(cut.Notes, note => note.StartsWith("BHE left out", StringComparison.Ordinal));
    }

    [Fact]
    public void Cut_SegmentOffTheGridByLessThanHalfASample_LandsOnTheNearestSample()
    {
        var z = TestTraces.Make("IU.ANMO.00.BHZ", 10, start: TestTraces.T0 + 20_000_000); // 0.4 samples late at 20 Hz
        var set = Assert.Single(ComponentGrouper.Group([z]).Sets);

        var cut = WindowCutter.Cut(set, new WindowSpec(TestTraces.T0, 200, 20));

        Assert.Equal(0.0, cut.Traces[0].Samples[0]);
        Assert.Equal(199.0, cut.Traces[0].Samples[199]);
    }
}
