namespace QuakeDetective.Web.Components.Pages.Classify;

/// <summary>What js/classify.js kept in the tab's session storage: an answer not yet acknowledged, and the subject on screen.</summary>
public sealed class BrowserRestore
{
    public PendingAnswer? Pending { get; set; }

    public ShownSubject? Current { get; set; }

    public sealed class PendingAnswer
    {
        public long SubjectId { get; set; }

        public string? Key { get; set; }

        public string? Answer { get; set; }

        public double? ElapsedMs { get; set; }
    }

    public sealed class ShownSubject
    {
        public long SubjectId { get; set; }

        public string? Key { get; set; }

        public int? Selected { get; set; }
    }
}
