namespace Stacking.Planning;

/// <summary>The oracle's answers per owner (a credential whose requirement, or a goal node, was asked) and planned set
/// restricted to the owner's support, looked up without allocating: an open-addressed table (linear probing, at most
/// half full).</summary>
/// <remarks>A lookup hashes the words of planned ∩ support as it reads them (<see cref="SetKey.HashOf"/>, the hash a
/// stored <see cref="SetKey"/> has) and compares them with a stored key's words (<see cref="SetKey.Matches"/>): a hit
/// exactly when the owner and the restricted set are equal. Both read only the support's nonzero words (the caller's
/// <see cref="SetKey.WordsOf"/> of it), so a lookup costs the support's extent, not the catalog's. An owner is always
/// asked with the same support. Only a miss builds a <see cref="SetKey"/> (the oracle reads its words, and it is
/// stored). Entries are never removed.</remarks>
/// <typeparam name="TOwner">What was asked about.</typeparam>
internal sealed class OracleMemo<TOwner>(IEqualityComparer<TOwner> owners)
    where TOwner : notnull
{
    private Entry[] _entries = new Entry[64];

    /// <summary>Gets the number of answers stored.</summary>
    public int Count { get; private set; }

    /// <summary>The stored answer for <paramref name="owner"/> and <paramref name="planned"/> ∩ <paramref name="support"/>
    /// (sets of the same capacity; <paramref name="supportWords"/> the support's nonzero words).</summary>
    public bool TryGet(TOwner owner, BitSet planned, BitSet support, int[] supportWords, out OracleAnswer answer)
    {
        var hash = HashCode.Combine(owners.GetHashCode(owner), SetKey.HashOf(planned.Words, support.Words, supportWords));
        var mask = _entries.Length - 1;
        for (var i = hash & mask; _entries[i].Used; i = (i + 1) & mask)
        {
            ref readonly var entry = ref _entries[i];
            if (entry.Hash == hash && owners.Equals(entry.Owner, owner) && entry.Key.Matches(planned.Words, support.Words, supportWords))
            {
                answer = entry.Answer;
                return true;
            }
        }

        answer = default;
        return false;
    }

    /// <summary>Stores an answer under its key, replacing one stored under an equal key.</summary>
    public void Add(TOwner owner, SetKey key, OracleAnswer answer)
    {
        if ((Count + 1) * 2 > _entries.Length)
        {
            var old = _entries;
            _entries = new Entry[old.Length * 2];
            foreach (var entry in old)
            {
                if (entry.Used)
                {
                    Place(entry);
                }
            }
        }

        if (Place(new Entry(owner, key, HashCode.Combine(owners.GetHashCode(owner), key.GetHashCode()), answer)))
        {
            Count++;
        }
    }

    /// <summary>Puts an entry in its slot; false when it replaced an equal key's.</summary>
    private bool Place(in Entry entry)
    {
        var mask = _entries.Length - 1;
        var i = entry.Hash & mask;
        for (; _entries[i].Used; i = (i + 1) & mask)
        {
            if (_entries[i].Hash == entry.Hash && owners.Equals(_entries[i].Owner, entry.Owner) && _entries[i].Key.Equals(entry.Key))
            {
                _entries[i] = entry;
                return false;
            }
        }

        _entries[i] = entry;
        return true;
    }

    private readonly struct Entry(TOwner owner, SetKey key, int hash, OracleAnswer answer)
    {
        public TOwner Owner { get; } = owner;

        public SetKey Key { get; } = key;

        public int Hash { get; } = hash;

        public OracleAnswer Answer { get; } = answer;

        public bool Used { get; } = true;
    }
}
