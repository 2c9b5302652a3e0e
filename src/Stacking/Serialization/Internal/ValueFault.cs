using System.Text.Json;

namespace Stacking.Serialization.Internal;

/// <summary>A fault of one value found while it is read (by a converter), which the read locates at the value's start.</summary>
#pragma warning disable CA1032, CA1064 // Internal: thrown and caught within one read, never seen outside it.
internal sealed class ValueFault(string message) : JsonException(message);
#pragma warning restore CA1032, CA1064
