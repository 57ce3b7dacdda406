using QuakeDetective.Tests;

namespace QuakeDetective.Web.Tests.Integration;

/// <summary>One running site shared by the tests of a class (start-up migrates and seeds, which takes a moment).</summary>
public sealed class SiteFixture : IDisposable
{
    public QuakeWebFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
