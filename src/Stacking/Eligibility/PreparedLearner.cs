using Stacking.Eligibility.Engine;
using Stacking.Model;

namespace Stacking.Eligibility;

/// <summary>A learner's items at an as-of date, after exceptions, computed once for repeated checks.</summary>
/// <remarks>
/// <para>Made by <see cref="EligibilityEvaluator.Prepare"/> and usable only with the evaluator (or another evaluator
/// of the same catalog instance) that made it. Immutable and thread-safe: one prepared learner may be checked from
/// many threads, with different planned sets.</para>
/// <para>Preparing validates nothing: holdings of unknown ids are kept (they match nothing except through a
/// substitution), substitutions whose substitute is not in the catalog are ignored.</para>
/// </remarks>
public sealed class PreparedLearner
{
    internal PreparedLearner(CompiledCatalog catalog, LearnerRecord learner, DateOnly asOf)
    {
        Compiled = catalog;
        Learner = learner;
        AsOf = asOf;

        // Allocated first, so that it lies next to this object: a check of a plain learner reads only these two
        // (a batch over thousands of prepared learners is bound by cache misses, not by the evaluation).
        Held = new ulong[PlannedSet.WordsFor(catalog.Credentials.Length)];
        Items = new LearnerItems(catalog, learner, asOf);
        Bits = LearnerBits.From(catalog, Items, asOf, Held);
        Plain = Items.Substitutions.Length == 0 && Items.WholeWaivers.Count == 0 && Items.NodeWaivers.Count == 0;
    }

    /// <summary>Gets the learner record.</summary>
    public LearnerRecord Learner { get; }

    /// <summary>Gets the as-of date T of every check with this learner.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the number of distinct items (equivalence classes and unknown ids) the learner holds validly at <see cref="AsOf"/>.</summary>
    public int ItemCount
    {
        get
        {
            var seen = new HashSet<int>();
            foreach (var entry in Items.Entries)
            {
                if (entry.Item < Compiled.ClassCount)
                {
                    seen.Add(entry.Item);
                }
            }

            return seen.Count + Items.UnknownIds.Length;
        }
    }

    internal CompiledCatalog Compiled { get; }

    internal LearnerItems Items { get; }

    /// <summary>Gets a value indicating whether the learner has no substitution and no waiver (of a whole credential or
    /// a node): then no check needs to look at exceptions, and the fast path may answer every check.</summary>
    internal bool Plain { get; }

    /// <summary>Gets the valid holdings at T as bits over the credential numbers (the array <see cref="Bits"/> reads).</summary>
    internal ulong[] Held { get; }

    /// <summary>Gets the compiled form the fast path reads (valid holdings as a bitset, holdings by credential).</summary>
    internal LearnerBits Bits { get; }
}
