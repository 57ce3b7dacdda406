using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Seismic.Tests.Windowing;

public class ComponentGrouperTests
{
    [Fact]
    public void Group_ZneOfOneStation_MakesOneSetVerticalFirst()
    {
        var traces = new[] { TestTraces.Make("IU.ANMO.00.BHE", 60), TestTraces.Make("IU.ANMO.00.BHZ", 60), TestTraces.Make("IU.ANMO.00.BHN", 60) };

        var grouping = ComponentGrouper.Group(traces);

        var set = Assert.Single(grouping.Sets);
        Assert.Equal(["BHZ", "BHN", "BHE"], set.Channels);
        Assert.Equal("IU.ANMO.00", set.StationKey);
        Assert.Equal("BH", set.ChannelPrefix);
        Assert.Empty(grouping.Problems);
    }

    [Fact]
    public void Group_Z12Naming_UsesOneAndTwoAsHorizontals()
    {
        var traces = new[] { TestTraces.Make("IU.COLA.00.LH2", 60, 1), TestTraces.Make("IU.COLA.00.LH1", 60, 1), TestTraces.Make("IU.COLA.00.LHZ", 60, 1) };

        var set = Assert.Single(ComponentGrouper.Group(traces).Sets);

        Assert.Equal(["LHZ", "LH1", "LH2"], set.Channels);
        Assert.Equal("LH1", set.Horizontal1[0].Id.Channel);
        Assert.Equal("LH2", set.Horizontal2[0].Id.Channel);
    }

    [Fact]
    public void Group_StationsInstrumentsAndLocations_AreSeparateSets()
    {
        var traces = new[]
        {
            TestTraces.Make("IU.ANMO.00.BHZ", 60), TestTraces.Make("IU.ANMO.10.BHZ", 60),
            TestTraces.Make("IU.ANMO.00.HHZ", 60, 100), TestTraces.Make("IU.TUC.00.BHZ", 60),
        };

        var sets = ComponentGrouper.Group(traces).Sets;

        Assert.Equal(["IU.ANMO.00.BH", "IU.ANMO.00.HH", "IU.ANMO.10.BH", "IU.TUC.00.BH"], sets.Select(s => s.StationKey + "." + s.ChannelPrefix));
        Assert.All(sets, s => Assert.Equal(["Z"], s.Channels.Select(c => c[^1..])));
    }

    [Fact]
    public void Group_HorizontalsWithoutVertical_AreReportedNotGrouped()
    {
        var traces = new[] { TestTraces.Make("BW.BGLD..EHE", 60, 200), TestTraces.Make("BW.BGLD..EHN", 60, 200) };

        var grouping = ComponentGrouper.Group(traces);

        Assert.Empty(grouping.Sets);
        var problem = Assert.Single(grouping.Problems);
        Assert.Contains("BW.BGLD..EH?", problem, StringComparison.Ordinal);
        Assert.Contains("no vertical", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_SegmentsOfAChannel_StayInTimeOrderForTheCutter()
    {
        var late = TestTraces.Make("IU.ANMO.00.BHZ", 30, start: TestTraces.T0 + TestTraces.Seconds(40));
        var early = TestTraces.Make("IU.ANMO.00.BHZ", 30);

        var set = Assert.Single(ComponentGrouper.Group([late, early]).Sets);

        Assert.Equal([early, late], set.Vertical);
        Assert.Equal(TestTraces.T0, set.StartNs);
        Assert.Equal(TestTraces.T0 + TestTraces.Seconds(70), set.EndNs);
    }

    [Fact]
    public void Group_OtherOrientationsAndRates_AreLeftOutWithAReason()
    {
        var traces = new[]
        {
            TestTraces.Make("XX.STA..BHZ", 60), TestTraces.Make("XX.STA..BHN", 60, 40), TestTraces.Make("XX.STA..BHE", 60),
            TestTraces.Make("XX.STA..BHX", 60),
        };

        var grouping = ComponentGrouper.Group(traces);

        var set = Assert.Single(grouping.Sets);
        Assert.Equal(["BHZ", "BHE"], set.Channels);
        Assert.Contains(grouping.Problems, p => p.Contains("40 Hz instead of 20 Hz", StringComparison.Ordinal));
        Assert.Contains(grouping.Problems, p => p.Contains("BHX", StringComparison.Ordinal) && p.Contains("left out", StringComparison.Ordinal));
    }
}
