namespace Moecraft.Federation;

/// <summary>
/// Orders received packets for storing (SPEC 6): each origin's packets in sequence order, and a packet only after every
/// packet it depends on is held or placed before it. What cannot be placed waits, naming the first missing dependency.
/// </summary>
public static class DependencyOrder
{
    public static DependencyPlan Plan(IEnumerable<KnowledgePacket> packets, Func<string, bool> held)
    {
        ArgumentNullException.ThrowIfNull(packets);
        ArgumentNullException.ThrowIfNull(held);
        var queues = packets
            .GroupBy(p => p.Origin, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<KnowledgePacket>(g.DistinctBy(p => p.Id).OrderBy(p => p.Seq)))
            .ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ready = new List<KnowledgePacket>();
        bool Satisfied(string id) => placed.Contains(id) || held(id);

        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var queue in queues)
            {
                while (queue.TryPeek(out var next) && (next.Deps.IsDefault || next.Deps.All(Satisfied)))
                {
                    ready.Add(queue.Dequeue());
                    placed.Add(next.Id);
                    progress = true;
                }
            }
        }
        var waiting = queues.SelectMany(q => q)
            .Select(p => new WaitingPacket(p, p.Deps.IsDefault ? null : p.Deps.FirstOrDefault(d => !Satisfied(d))))
            .ToList();
        return new DependencyPlan(ready, waiting);
    }
}

/// <summary>Packets in an order that can be stored, and the ones that wait.</summary>
public sealed record DependencyPlan(IReadOnlyList<KnowledgePacket> Ready, IReadOnlyList<WaitingPacket> Waiting);

/// <summary>A packet that cannot be stored yet: <paramref name="MissingDependency"/> is not held (null: an earlier packet of its origin waits).</summary>
public sealed record WaitingPacket(KnowledgePacket Packet, string? MissingDependency);
