using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Generators;

/// <summary>FsCheck generators and shrinkers for the domain model: catalogs, requirements, learner records.</summary>
/// <remarks>
/// <para>Use <c>[Property(Arbitrary = new[] { typeof(StackingArbitraries) })]</c> to receive <see cref="Catalog"/>,
/// <see cref="LearnerRecord"/>, <see cref="Requirement"/>, <see cref="Credential"/> or <see cref="Holding"/>
/// parameters, or compose the <c>Gen</c> members directly.</para>
/// <para>Values are anything the model can hold, faults included (negative costs, unknown references, duplicate
/// ids, empty <c>allOf</c>), with awkward text (quotes, backslashes, new lines, non-ASCII, surrogate pairs),
/// decimals with several scales, every period form, and extension members whose raw JSON is compact and whose
/// names the formats do not define, so that every generated value survives writing and reading unchanged.
/// Shrinkers remove credentials, holdings, exceptions and extension members, and replace requirement nodes by
/// their children, so a failing case shrinks to a small one. The area generators (eligibility, validation,
/// planning) share these shrinkers, <see cref="Genome"/> and <see cref="CaseText"/>.</para>
/// </remarks>
public static class StackingGenerators
{
    private static readonly string[] TextPieces =
        ["a", "Z", "sql", "Data", " ", "-", "_", "\"", "\\", "/", "é", "ß", "中文", "😀", "&", "<", ">", "'", "+", "1", "\n", "\t"];

    private static readonly string[] IdPieces =
        ["a", "b", "c", "sql", "py", "101", " ", "-", "_", ".", "é", "中", "😀", "\"", "\\", "&", "X"];

    private static readonly string[] ExtensionNames =
        ["x-note", "meta", "_comment", "vendor:code", "Hours", "ext ra", "é", "x"];

    private static readonly string[] RawJson =
        ["1", "-2.50", "1E+3", "true", "false", "null", "\"text\"", "\"quote \\\" and \\u00e9\"", "[]", "{}", "[1,2,3]", "{\"a\":[true,{\"b\":null}]}", "[1, 2]", "0.1000000000000000000000000001"];

    /// <summary>Gets a generator of short, awkward text.</summary>
    public static Gen<string> Text { get; } =
        Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements(TextPieces), n)).Select(string.Concat);

    /// <summary>Gets a generator of valid credential ids, mostly from a small pool so that references hit.</summary>
    public static Gen<CredentialId> CredentialIds { get; } = Gen.Frequency(
        (8, Gen.Elements("a", "b", "c", "d", "e", "sql-101", "Py 2")),
        (2, Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Gen.Elements(IdPieces), n)).Select(p => "id" + string.Concat(p))),
        (1, Gen.Constant(new string('x', CredentialId.MaxLength))))
        .Select(CredentialId.Parse);

    /// <summary>Gets a generator of valid skill ids.</summary>
    public static Gen<SkillId> SkillIds { get; } = Gen.Elements("sql", "python", "stats", "Écrire", "a b").Select(SkillId.Parse);

    /// <summary>Gets a generator of exact decimals of several scales and signs.</summary>
    public static Gen<decimal> Decimals { get; } =
        Gen.Choose(-500, 100_000).Zip(Gen.Choose(0, 3), (units, scale) => units / Pow10(scale));

    /// <summary>Gets a generator of periods in every written form (PnY, PnM, PnD, combinations, P1Y0M, PnW).</summary>
    public static Gen<Period> Periods { get; } = Gen.OneOf(
        Gen.Choose(0, 10).Select(n => $"P{n}Y"),
        Gen.Choose(0, 30).Select(n => $"P{n}M"),
        Gen.Choose(0, 400).Select(n => $"P{n}D"),
        Gen.Choose(0, 60).Select(n => $"P{n}W"),
        Gen.Choose(0, 5).Zip(Gen.Choose(0, 11), (y, m) => $"P{y}Y{m}M"),
        Gen.Choose(0, 5).Zip(Gen.Choose(0, 40), (y, d) => $"P{y}Y{d}D"))
        .Select(Period.Parse);

    /// <summary>Gets a generator of dates, including the ends of the calendar and leap days.</summary>
    public static Gen<DateOnly> Dates { get; } = Gen.Frequency(
        (10, Gen.Choose(new DateOnly(1990, 1, 1).DayNumber, new DateOnly(2035, 12, 31).DayNumber).Select(DateOnly.FromDayNumber)),
        (1, Gen.Elements(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2024, 2, 29), new DateOnly(2023, 12, 31))));

    /// <summary>Gets a generator of extension members: distinct undefined names with compact raw JSON values.</summary>
    public static Gen<ExtensionMembers> Extensions { get; } = Gen.Frequency(
        (3, Gen.Constant(ExtensionMembers.Empty)),
        (1, Gen.SubListOf(ExtensionNames).SelectMany(names =>
            Gen.ArrayOf(Gen.Elements(RawJson), names.Count)
                .Select(values => ExtensionMembers.Create(names.Zip(values, (n, v) => new KeyValuePair<string, string>(n, v)))))));

    /// <summary>Gets a generator of selectors (sometimes selecting by nothing, which validation reports).</summary>
    public static Gen<Selector> Selectors { get; } =
        from ids in Optional(Gen.ListOf(CredentialIds, 3))
        from tag in Optional(Gen.Elements("data", "elective", "Data"))
        from kind in Optional(Gen.Elements("course", "badge"))
        from issuer in Optional(Text)
        from minLevel in Maybe(Gen.Choose(0, 9))
        from skill in Maybe(SkillIds)
        from except in Optional(Gen.ListOf(CredentialIds, 2))
        from any in Gen.Elements(false, false, true)
        from ext in Extensions
        select new Selector
        {
            Ids = ids is null ? [] : [.. ids],
            Tag = tag,
            Kind = kind,
            Issuer = issuer,
            MinLevel = minLevel,
            Skill = skill,
            Except = except is null ? [] : [.. except],
            Any = any,
            Extensions = ext,
        };

    /// <summary>Gets a generator of requirement trees whose depth and breadth grow with the size.</summary>
    public static Gen<Requirement> Requirements { get; } = Gen.Sized(size => RequirementOfSize(Math.Min(size, 30)));

    /// <summary>Gets a generator of credentials.</summary>
    public static Gen<Credential> Credentials { get; } =
        from id in CredentialIds
        from title in Optional(Text)
        from kind in Optional(Gen.Elements("course", "badge", "microcredential", "certificate", "degree"))
        from issuer in Optional(Text)
        from numbers in Gen.Three(Gen.Frequency((1, Gen.Constant(0m)), (3, Decimals)))
        from level in Maybe(Gen.Choose(0, 9))
        from tags in Gen.ListOf(Gen.Elements("data", "elective", "Data", "x y"), 3)
        from skills in Gen.ListOf(SkillIds.Zip(Gen.Choose(0, 5)), 3)
        from validFor in Maybe(Periods)
        from equivalentTo in Gen.ListOf(CredentialIds, 2)
        from requires in Gen.Frequency((1, Gen.Constant<Requirement?>(null)), (2, Requirements.Select(r => (Requirement?)r)))
        from ext in Extensions
        select new Credential(id)
        {
            Title = title,
            Kind = kind,
            Issuer = issuer,
            Hours = numbers.Item1,
            Credits = numbers.Item2,
            Cost = numbers.Item3,
            Level = level,
            Tags = [.. tags],
            Skills = skills.DistinctBy(s => s.Item1).ToDictionary(s => s.Item1, s => s.Item2),
            ValidFor = validFor,
            EquivalentTo = [.. equivalentTo],
            Requires = requires,
            Extensions = ext,
        };

    /// <summary>Gets a generator of catalogs of up to about a dozen credentials.</summary>
    public static Gen<Catalog> Catalogs { get; } =
        from credentials in Gen.Sized(size => Gen.Choose(0, Math.Clamp(size / 5, 1, 12)).SelectMany(n => Gen.ListOf(Credentials, n)))
        from name in Optional(Text)
        from currency in Optional(Gen.Elements("USD", "EUR"))
        from skills in Optional(Gen.ListOf(SkillIds.Zip(Optional(Text)).Zip(Extensions, (a, e) => (a.Item1, a.Item2, e)), 3))
        from ext in Extensions
        select new Catalog(
            credentials,
            name,
            currency,
            skills?.DistinctBy(s => s.Item1).Select(s => new Skill(s.Item1, s.Item2, s.Item3)),
            ext);

    /// <summary>Gets a generator of holdings.</summary>
    public static Gen<Holding> Holdings { get; } =
        from credential in CredentialIds
        from earned in Dates
        from score in Gen.Frequency((1, Gen.Constant<decimal?>(null)), (2, Decimals.Select(d => (decimal?)(d / 100))))
        from expires in Gen.Frequency((2, Gen.Constant<DateOnly?>(null)), (1, Dates.Select(d => (DateOnly?)d)))
        from ext in Extensions
        select new Holding(credential, earned, score, expires) { Extensions = ext };

    /// <summary>Gets a generator of advisor exceptions: substitutions and waivers.</summary>
    public static Gen<AdvisorException> AdvisorExceptions { get; } = Gen.OneOf(
        from x in CredentialIds
        from y in CredentialIds
        from reason in Optional(Text)
        from ext in Extensions
        select (AdvisorException)new Substitution(x, y, reason) { Extensions = ext },
        from q in CredentialIds
        from node in Optional(Gen.Elements("capstone", "core", "n 1"))
        from reason in Optional(Text)
        from ext in Extensions
        select (AdvisorException)new Waiver(q, node, reason) { Extensions = ext });

    /// <summary>Gets a generator of learner records.</summary>
    public static Gen<LearnerRecord> Learners { get; } =
        from id in Optional(Text)
        from holdings in Gen.Sized(size => Gen.Choose(0, Math.Clamp(size / 4, 1, 15)).SelectMany(n => Gen.ListOf(Holdings, n)))
        from exceptions in Gen.ListOf(AdvisorExceptions, 3)
        from ext in Extensions
        select new LearnerRecord(id, holdings, exceptions) { Extensions = ext };

    /// <summary>Shrinks a catalog: fewer credentials, simpler credentials, no registry, no extensions.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>Smaller catalogs.</returns>
    public static IEnumerable<Catalog> ShrinkCatalog(Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var credentials = catalog.Credentials;
        for (var i = 0; i < credentials.Length; i++)
        {
            yield return new Catalog(credentials.RemoveAt(i), catalog.Name, catalog.Currency, catalog.Skills, catalog.Extensions);
        }

        for (var i = 0; i < credentials.Length; i++)
        {
            foreach (var smaller in ShrinkCredential(credentials[i]))
            {
                yield return new Catalog(credentials.SetItem(i, smaller), catalog.Name, catalog.Currency, catalog.Skills, catalog.Extensions);
            }
        }

        if (catalog.Skills is not null)
        {
            yield return new Catalog(credentials, catalog.Name, catalog.Currency, null, catalog.Extensions);
        }

        if (!catalog.Extensions.IsEmpty || catalog.Name is not null)
        {
            yield return new Catalog(credentials, null, catalog.Currency, catalog.Skills, ExtensionMembers.Empty);
        }
    }

    /// <summary>Shrinks a credential: no requirement or a simpler one, no equivalents, no numbers, no attributes, no extensions.</summary>
    /// <param name="credential">The credential.</param>
    /// <returns>Smaller credentials.</returns>
    public static IEnumerable<Credential> ShrinkCredential(Credential credential) => ShrinkCredential(credential, validOnly: false);

    /// <summary>Shrinks a credential as <see cref="ShrinkCredential(Credential)"/>; with <paramref name="validOnly"/>, its
    /// requirement only into valid requirements (see <see cref="ShrinkValidRequirement"/>).</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="validOnly">Whether a valid requirement stays valid.</param>
    /// <returns>Smaller credentials.</returns>
    public static IEnumerable<Credential> ShrinkCredential(Credential credential, bool validOnly)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (credential.Requires is { } requires)
        {
            yield return credential with { Requires = null };
            foreach (var smaller in Shrink(requires, validOnly))
            {
                yield return credential with { Requires = smaller };
            }
        }

        if (!credential.EquivalentTo.IsEmpty)
        {
            yield return credential with { EquivalentTo = [] };
        }

        if (credential.Hours != 0 || credential.Cost != 0 || credential.Credits != 0)
        {
            yield return credential with { Hours = 0, Cost = 0, Credits = 0 };
        }

        var bare = new Credential(credential.Id) { Requires = credential.Requires };
        if (!bare.Equals(credential))
        {
            yield return bare;
        }
    }

    /// <summary>Shrinks a requirement: each child in its place, a composite with one child fewer or a smaller child, no labels or extensions.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Smaller nodes, faults included (an empty composite, an <c>atLeast</c> above its children).</returns>
    public static IEnumerable<Requirement> ShrinkRequirement(Requirement node) => Shrink(node, validOnly: false);

    /// <summary>Shrinks a requirement as <see cref="ShrinkRequirement"/>, but a valid tree only into valid trees: a composite
    /// keeps at least one child, and an <c>atLeast</c> never asks for more children than it has.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Smaller nodes.</returns>
    public static IEnumerable<Requirement> ShrinkValidRequirement(Requirement node) => Shrink(node, validOnly: true);

    /// <summary>Shrinks a learner record: fewer holdings and exceptions, no extensions.</summary>
    /// <param name="learner">The record.</param>
    /// <returns>Smaller records.</returns>
    public static IEnumerable<LearnerRecord> ShrinkLearner(LearnerRecord learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        for (var i = 0; i < learner.Holdings.Length; i++)
        {
            yield return learner with { Holdings = learner.Holdings.RemoveAt(i) };
        }

        for (var i = 0; i < learner.Exceptions.Length; i++)
        {
            yield return learner with { Exceptions = learner.Exceptions.RemoveAt(i) };
        }

        for (var i = 0; i < learner.Holdings.Length; i++)
        {
            var holding = learner.Holdings[i];
            var bare = new Holding(holding.Credential, holding.Earned);
            if (!bare.Equals(holding))
            {
                yield return learner with { Holdings = learner.Holdings.SetItem(i, bare) };
            }
        }

        if (!learner.Extensions.IsEmpty || learner.Id is not null)
        {
            yield return learner with { Id = null, Extensions = ExtensionMembers.Empty };
        }
    }

    private static IEnumerable<Requirement> Shrink(Requirement node, bool validOnly)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var child in node.Children)
        {
            yield return child;
        }

        if (node is CompositeRequirement composite)
        {
            var children = composite.Children;
            for (var i = 0; i < children.Length && (!validOnly || children.Length > 1); i++)
            {
                yield return WithChildren(composite, children.RemoveAt(i), validOnly);
            }

            for (var i = 0; i < children.Length; i++)
            {
                foreach (var smaller in Shrink(children[i], validOnly))
                {
                    yield return WithChildren(composite, children.SetItem(i, smaller), validOnly);
                }
            }
        }

        if (node.Id is not null || node.Title is not null || !node.Extensions.IsEmpty || node.Shared)
        {
            yield return node with { Id = null, Title = null, Shared = false, Extensions = ExtensionMembers.Empty };
        }
    }

    private static Requirement WithChildren(CompositeRequirement composite, ImmutableArray<Requirement> children, bool validOnly)
    {
        Requirement rebuilt = composite switch
        {
            AllOfRequirement => new AllOfRequirement(children),
            AnyOfRequirement => new AnyOfRequirement(children),
            AtLeastRequirement atLeast => new AtLeastRequirement(validOnly ? Math.Min(atLeast.Count, children.Length) : atLeast.Count, children),
            _ => throw new InvalidOperationException("Unknown composite."),
        };
        return rebuilt with { Id = composite.Id, Title = composite.Title, Shared = composite.Shared, Extensions = composite.Extensions };
    }

    private static Gen<Requirement> RequirementOfSize(int size)
    {
        var leaf = Gen.OneOf(
            from id in CredentialIds
            from minScore in Maybe(Decimals.Select(d => d / 100))
            from within in Maybe(Periods)
            select (Requirement)new CredentialRequirement(id) { MinScore = minScore, Within = within },
            from count in Gen.Choose(-1, 4)
            from selector in Selectors
            from minScore in Maybe(Gen.Choose(0, 100).Select(n => (decimal)n))
            select (Requirement)new CountRequirement(count, selector) { MinScore = minScore },
            from credits in Decimals
            from selector in Selectors
            from within in Maybe(Periods)
            select (Requirement)new CreditsRequirement(credits, selector) { Within = within },
            from hours in Decimals
            from selector in Selectors
            select (Requirement)new HoursRequirement(hours, selector),
            from skill in SkillIds
            from level in Gen.Choose(0, 5)
            select (Requirement)new SkillRequirement(skill, level));

        var node = size <= 1
            ? leaf
            : Gen.Frequency(
                (2, leaf),
                (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(RequirementOfSize(size / 3), n)).Select(c => (Requirement)new AllOfRequirement(c))),
                (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(RequirementOfSize(size / 3), n)).Select(c => (Requirement)new AnyOfRequirement(c))),
                (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(RequirementOfSize(size / 3), n)).Zip(Gen.Choose(-1, 4), (c, k) => (Requirement)new AtLeastRequirement(k, c))));

        return from n in node
               from id in Optional(Gen.Elements("core", "capstone", "n-1", "é"))
               from title in Optional(Text)
               from shared in Gen.Elements(false, false, true)
               from ext in Extensions
               select n with { Id = id, Title = title, Shared = shared, Extensions = ext };
    }

    private static Gen<T?> Optional<T>(Gen<T> gen)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    private static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    private static decimal Pow10(int scale) => scale switch { 0 => 1m, 1 => 10m, 2 => 100m, _ => 1000m };
}
