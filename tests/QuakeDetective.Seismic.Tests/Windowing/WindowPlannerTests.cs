using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Seismic.Tests.Windowing;

public class WindowPlannerTests
{
    private static ComponentSet Set(double seconds, double rate = 20, long? start = null) =>
        Assert.Single(ComponentGrouper.Group([TestTraces.Make("IU.ANMO.00.BHZ", seconds, rate, start)]).Sets);

    [Fact]
    public void Fixed_BackToBack_CutsWholeWindowsFromTheFirstSample()
    {
        var windows = WindowPlanner.Fixed(Set(600), 120, 120);

        Assert.Equal(5, windows.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(k => TestTraces.T0 + TestTraces.Seconds(120 * k)), windows.Select(w => w.StartNs));
        Assert.All(windows, w => Assert.Equal(2400, w.SampleCount));
    }

    [Fact]
    public void Fixed_OverlappingStep_LeavesOutThePartialTail()
    {
        // 610 s of data, 120 s windows every 50 s: starts 0, 50, ..., 450 (the one at 500 would run past the end).
        var windows = WindowPlanner.Fixed(Set(610), 120, 50);

        Assert.Equal(10, windows.Count);
        Assert.Equal(TestTraces.T0 + TestTraces.Seconds(450), windows[^1].StartNs);
        Assert.True(windows[^1].EndNs <= Set(610).EndNs);
    }

    [Fact]
    public void Fixed_DataShorterThanAWindow_GivesNone()
    {
        Assert.Empty(WindowPlanner.Fixed(Set(299), 300, 300));
    }

    [Fact]
    public void Fixed_StartsOffTheWholeSecond_StayOnTheSampleGrid()
    {
        // Real data start at odd times, e.g. 06:50:00.069539; windows must start on samples, not on whole seconds.
        var start = TestTraces.T0 + 69_539_000;
        var windows = WindowPlanner.Fixed(Set(100, 40, start), 30, 7.01);

        Assert.All(windows, w => Assert.Equal(0, (w.StartNs - start) % 25_000_000));
        Assert.Equal(start + (280 * 25_000_000L), windows[1].StartNs); // 7.01 s rounds to 280 samples
    }

    [Fact]
    public void Fixed_WindowShorterThanTwoSamples_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WindowPlanner.Fixed(Set(60, 1), 1, 1));

        Assert.Contains("holds 1 samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEvents_WindowStartsAtTheSurfaceWaveArrival()
    {
        // Station on the equator at 0 E, event 10 degrees east of it: 1111.95 km / 4.5 km/s = 247.1 s after the origin.
        var set = Set(3600);
        var origin = TestTraces.T0 + TestTraces.Seconds(600);
        var quake = new SeismicEvent("ev1", origin, 0, 10, 10, 6.1);

        var plan = WindowPlanner.ForEvents(set, [quake], 0, 0, 4.5, 2000);

        var window = Assert.Single(plan.Windows);
        var expected = origin + (long)Math.Round(GreatCircle.DistanceKm(0, 10, 0, 0) / 4.5 * 1e9);
        Assert.InRange(window.StartNs - expected, -25_000_000, 25_000_000); // within half a sample at 20 Hz
        Assert.Equal(0, (window.StartNs - TestTraces.T0) % 50_000_000);
        Assert.Equal(40_000, window.SampleCount);
        Assert.Equal(1111.949, window.DistanceKm!.Value, 2);
        Assert.Same(quake, window.Event);
        Assert.Equal(0, plan.EventsOutsideData);
    }

    [Fact]
    public void ForEvents_EventsWhoseWindowMissesTheData_AreOnlyCounted()
    {
        var set = Set(3600);
        var before = new SeismicEvent("old", TestTraces.T0 - TestTraces.Seconds(86_400), 0, 10, null, null);
        var after = new SeismicEvent("new", TestTraces.T0 + TestTraces.Seconds(7200), 0, 10, null, null);
        var partly = new SeismicEvent("edge", TestTraces.T0 + TestTraces.Seconds(3000), 0, 0, null, null); // arrives at once, runs past the end

        var plan = WindowPlanner.ForEvents(set, [before, after, partly], 0, 0, 4.5, 2000);

        Assert.Equal(2, plan.EventsOutsideData);
        Assert.Equal("edge", Assert.Single(plan.Windows).Event!.Id);
    }
}
