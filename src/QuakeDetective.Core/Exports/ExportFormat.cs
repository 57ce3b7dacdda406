namespace QuakeDetective.Core.Exports;

/// <summary>What a scientist can export from a campaign.</summary>
public enum ExportFormat
{
    /// <summary>One row per subject: label, confidence, agreement, votes per answer, retirement, gold, ML prediction.</summary>
    ConsensusCsv,

    /// <summary>The same as JSON (camelCase), with the campaign and answers in a header object.</summary>
    ConsensusJson,

    /// <summary>Every vote in the column layout of Zooniverse's classification export (readable by panoptes_aggregation).</summary>
    VotesCsv,

    /// <summary>A SeisBench dataset (metadata.csv + waveforms.hdf5) of the labelled windows.</summary>
    SeisBench,
}
