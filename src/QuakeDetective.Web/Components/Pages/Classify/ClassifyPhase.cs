namespace QuakeDetective.Web.Components.Pages.Classify;

/// <summary>Where the classify page is; js/classify.js reads it (data-phase) to decide what keys do.</summary>
public enum ClassifyPhase
{
    Loading,
    Answering,
    Saving,
    Feedback,
    Finished,
    Error,
}
