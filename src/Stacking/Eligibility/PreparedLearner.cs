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
        Items = new LearnerItems(catalog, learner, asOf);
        Bits = LearnerBits.From(catalog, Items, asOf);
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

    /// <summary>Gets the compiled form the fast path reads (valid holdings as a bitset, holdings by credential).</summary>
    internal LearnerBits Bits { get; }
}
