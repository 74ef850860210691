using Microsoft.Diagnostics.Runtime;

// heapwalk count <pid> <out.tsv>            live objects of a process by type: "type<TAB>count<TAB>bytes", largest first
// heapwalk compare <before.tsv> <after.tsv> <n>   what n connections added, per connection
if (args is ["count", var pid, var output]) Count(int.Parse(pid), output);
else if (args is ["compare", var before, var after, var n]) Compare(Load(before), Load(after), int.Parse(n));
else
{
    Console.Error.WriteLine("usage: heapwalk count <pid> <out.tsv> | heapwalk compare <before.tsv> <after.tsv> <n>");
    return 2;
}
return 0;

// Only what is reachable from a root counts: garbage waiting for the next collection is the GC's slack, not what the
// connections hold.
static void Count(int pid, string output)
{
    using var target = DataTarget.AttachToProcess(pid, suspend: true);
    var heap = target.ClrVersions[0].CreateRuntime().Heap;
    var live = new HashSet<ulong>();
    var pending = new Stack<ulong>();
    foreach (var root in heap.EnumerateRoots())
        if (root.Object.Address != 0 && live.Add(root.Object.Address)) pending.Push(root.Object.Address);
    var byType = new Dictionary<string, (long Count, long Bytes)>();
    while (pending.Count > 0)
    {
        var obj = heap.GetObject(pending.Pop());
        if (!obj.IsValid) continue;
        var name = obj.Type?.Name ?? "?";
        var (count, bytes) = byType.GetValueOrDefault(name);
        byType[name] = (count + 1, bytes + (long)obj.Size);
        foreach (var reference in obj.EnumerateReferenceAddresses(carefully: false, considerDependantHandles: true))
            if (reference != 0 && live.Add(reference)) pending.Push(reference);
    }
    File.WriteAllLines(output, byType.OrderByDescending(t => t.Value.Bytes).Select(t => $"{t.Key}\t{t.Value.Count}\t{t.Value.Bytes}"));
    Console.WriteLine($"live objects {byType.Values.Sum(t => t.Count)}, bytes {byType.Values.Sum(t => t.Bytes)}");
}

static Dictionary<string, (long Count, long Bytes)> Load(string path) => File.ReadLines(path)
    .Select(line => line.Split('\t'))
    .ToDictionary(f => f[0], f => (long.Parse(f[1]), long.Parse(f[2])));

static void Compare(Dictionary<string, (long Count, long Bytes)> before, Dictionary<string, (long Count, long Bytes)> after, int n)
{
    var added = after.Select(t => (Type: t.Key, Count: t.Value.Count - before.GetValueOrDefault(t.Key).Count,
        Bytes: t.Value.Bytes - before.GetValueOrDefault(t.Key).Bytes)).ToList();
    Console.WriteLine($"live managed bytes per connection: {added.Sum(t => t.Bytes) / (double)n:F0}");
    Console.WriteLine("bytes/conn  objects/conn  type");
    foreach (var t in added.OrderByDescending(t => t.Bytes).Take(30))
        Console.WriteLine($"{t.Bytes / (double)n,10:F0}  {t.Count / (double)n,12:F2}  {t.Type}");
}
