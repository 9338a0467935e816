using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

/// <summary>Properties of paging, each case in a namespace of its own on one server.</summary>
public sealed class PagingPropertyTests(PagingPropertyTests.Cluster cluster) : IClassFixture<PagingPropertyTests.Cluster>
{
    public sealed class Cluster : SharedServer;

    [Property(MaxTest = 40)]
    public Property Paging_lists_every_item_once_in_name_order_whatever_the_limit_and_insertion_order()
    {
        var cases = from count in Gen.Choose(0, 30) from limit in Gen.Choose(1, 12) from seed in Gen.Choose(0, 1000) select (count, limit, seed);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            var (count, limit, seed) = c;
            var ns = "ns-" + Guid.NewGuid().ToString("N")[..12];
            var names = Enumerable.Range(0, count).Select(i => $"pod-{i:D2}").ToList();
            var random = new Random(seed);
            foreach (var name in names.OrderBy(_ => random.Next())) cluster.Server.AddPod(ns, name);

            var (pages, listed) = cluster.Api.PageThroughAsync($"/api/v1/namespaces/{ns}/pods", limit).GetAwaiter().GetResult();

            return listed.SequenceEqual(names) && pages.Count == Math.Max(1, (count + limit - 1) / limit);
        });
    }
}
