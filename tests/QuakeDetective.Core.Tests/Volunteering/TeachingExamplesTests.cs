using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Core.Tests.Volunteering;

public sealed class TeachingExamplesTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 2)]
    [InlineData(40, 2)]
    public void CountFor_KeepsSomeGoldForTesting(int gold, int examples)
    {
        Assert.Equal(examples, TeachingExamples.CountFor(gold));
    }

    [Fact]
    public void Select_TakesTheOldestPerClass()
    {
        var gold = new (long, string)[] { (9, "Tremor"), (4, "Tremor"), (7, "Tremor"), (3, "Noise"), (8, "Noise"), (1, "Earthquake") };

        Assert.Equal([1L, 3L, 4L, 7L], TeachingExamples.Select(gold).Order());
    }
}
