namespace Stacking.Eligibility.Engine;

/// <summary>One way an item can be matched: a valid holding counted as the catalog credential <see cref="As"/>.</summary>
/// <param name="Item">The item key: the equivalence class of the held credential, or a key for an unknown id.</param>
/// <param name="As">The dense number of the catalog credential the holding counts as (the substitute X for a substitution).</param>
/// <param name="Earned">The earning date (T for planned credentials).</param>
/// <param name="Score">The score, if any.</param>
/// <param name="Planned">Whether this is a planned credential, which meets every minScore and within (spec §8).</param>
/// <param name="Holding">The index of the holding in the learner record, or -1 for a planned credential.</param>
/// <param name="Substitution">The index of the substitution in the learner's exceptions that produced the entry, or -1.</param>
internal readonly record struct ItemEntry(int Item, int As, DateOnly Earned, decimal? Score, bool Planned, int Holding, int Substitution);
