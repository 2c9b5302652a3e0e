using System.Numerics;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Benchmarks.Peers;

/// <summary>
/// The floor: a hand-written loop over a flat program that only does popcounts (and, for credits or hours nodes,
/// a walk over the set bits summing integer weights). No allocation, no explanation, no exceptions, no §6
/// allocation: it is right only on disjoint pools, and it is the fastest such evaluation we know how to write.
/// </summary>
public sealed class BitsetFloor
{
    private enum Op : byte
    {
        Credential,
        Count,
        Weighted,
        AllOf,
        AnyOf,
        AtLeast,
    }

    private readonly Dictionary<CredentialId, int> _index;
    private readonly int _words;

    // Post-order program: children come before their parent; a composite's children are a contiguous
    // run of indices into _childList.
    private readonly Op[] _ops;
    private readonly int[] _arg;
    private readonly int[] _maskOffset;
    private readonly ulong[] _masks;
    private readonly int[] _childStart;
    private readonly int[] _childCount;
    private readonly int[] _childList;
    private readonly int[] _weights;
    private readonly bool[] _useHours;

    public BitsetFloor(Catalog catalog, Requirement requirement)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(requirement);
        _index = [];
        foreach (var c in catalog.Credentials)
        {
            _index.TryAdd(c.Id, _index.Count);
        }

        _words = (_index.Count + 63) / 64;
        _weights = new int[_index.Count * 2];
        foreach (var c in catalog.Credentials)
        {
            var i = _index[c.Id];
            _weights[2 * i] = (int)c.Credits;
            _weights[2 * i + 1] = (int)c.Hours;
        }

        var ops = new List<Op>();
        var args = new List<int>();
        var maskOffsets = new List<int>();
        var masks = new List<ulong>();
        var childStart = new List<int>();
        var childCount = new List<int>();
        var childList = new List<int>();
        var useHours = new List<bool>();

        int Emit(Requirement node)
        {
            var kids = node.Children.Select(Emit).ToArray();
            var op = node switch
            {
                CredentialRequirement => Op.Credential,
                CountRequirement => Op.Count,
                CreditsRequirement or HoursRequirement => Op.Weighted,
                AllOfRequirement => Op.AllOf,
                AnyOfRequirement => Op.AnyOf,
                AtLeastRequirement => Op.AtLeast,
                _ => throw new NotSupportedException($"The floor has no form for a {node.Kind} node."),
            };
            var arg = node switch
            {
                CredentialRequirement c => _index[c.Credential],
                CountRequirement c => c.Count,
                CreditsRequirement c => (int)Math.Ceiling(c.Credits),
                HoursRequirement h => (int)Math.Ceiling(h.Hours),
                AtLeastRequirement a => a.Count,
                _ => 0,
            };
            maskOffsets.Add(masks.Count);
            if (node is PoolRequirement pool)
            {
                var mask = new ulong[_words];
                foreach (var id in pool.From.Ids)
                {
                    var i = _index[id];
                    mask[i >> 6] |= 1UL << (i & 63);
                }

                masks.AddRange(mask);
            }

            useHours.Add(node is HoursRequirement);
            ops.Add(op);
            args.Add(arg);
            childStart.Add(childList.Count);
            childCount.Add(kids.Length);
            childList.AddRange(kids);
            return ops.Count - 1;
        }

        Emit(requirement);
        _ops = [.. ops];
        _arg = [.. args];
        _maskOffset = [.. maskOffsets];
        _masks = [.. masks];
        _childStart = [.. childStart];
        _childCount = [.. childCount];
        _childList = [.. childList];
        _useHours = [.. useHours];
    }

    /// <summary>Words per learner bitset.</summary>
    public int Words => _words;

    /// <summary>The learner's valid items as a bitset over this floor's dense ids (setup, not timed).</summary>
    public ulong[] Bits(LearnerRecord learner, Catalog catalog, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(catalog);
        var bits = new ulong[_words];
        foreach (var h in learner.Holdings)
        {
            if (_index.TryGetValue(h.Credential, out var i) && h.IsValidAt(asOf, catalog[h.Credential].ValidFor))
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }

        return bits;
    }

    /// <summary>Evaluates the program on one learner bitset; <paramref name="scratch"/> holds one bool per node.</summary>
    public bool Evaluate(ReadOnlySpan<ulong> learner, Span<bool> scratch)
    {
        for (var n = 0; n < _ops.Length; n++)
        {
            bool value;
            switch (_ops[n])
            {
                case Op.Credential:
                    {
                        var i = _arg[n];
                        value = (learner[i >> 6] & (1UL << (i & 63))) != 0;
                        break;
                    }

                case Op.Count:
                    {
                        var count = 0;
                        var mask = _masks.AsSpan(_maskOffset[n], _words);
                        for (var w = 0; w < mask.Length; w++)
                        {
                            count += BitOperations.PopCount(learner[w] & mask[w]);
                        }

                        value = count >= _arg[n];
                        break;
                    }

                case Op.Weighted:
                    {
                        var sum = 0;
                        var mask = _masks.AsSpan(_maskOffset[n], _words);
                        var field = _useHours[n] ? 1 : 0;
                        for (var w = 0; w < mask.Length; w++)
                        {
                            var bits = learner[w] & mask[w];
                            while (bits != 0)
                            {
                                var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                                sum += _weights[2 * i + field];
                                bits &= bits - 1;
                            }
                        }

                        value = sum >= _arg[n];
                        break;
                    }

                default:
                    {
                        var satisfied = 0;
                        var start = _childStart[n];
                        var count = _childCount[n];
                        for (var k = 0; k < count; k++)
                        {
                            if (scratch[_childList[start + k]])
                            {
                                satisfied++;
                            }
                        }

                        value = _ops[n] switch
                        {
                            Op.AllOf => satisfied == count,
                            Op.AnyOf => satisfied > 0,
                            _ => satisfied >= _arg[n],
                        };
                        break;
                    }
            }

            scratch[n] = value;
        }

        return scratch[_ops.Length - 1];
    }

    /// <summary>Number of program nodes (the size of the scratch span).</summary>
    public int NodeCount => _ops.Length;
}
