namespace QuakeDetective.Web.Components.Shared;

/// <summary>Where a subject's plot is shown, which decides the image sizes offered to the browser.</summary>
public enum PlotLayout
{
    /// <summary>The classify page: the full width of the page.</summary>
    Main,

    /// <summary>Tutorial and field guide cards.</summary>
    Thumb,
}
