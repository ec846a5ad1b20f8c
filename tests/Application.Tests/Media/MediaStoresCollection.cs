namespace PesanAI.Application.Tests.Media;

/// <summary>
/// The media store tests run alone: the 100 MB round trips measure the process's allocations, which tests running
/// beside them would add to (and two of them at once would share the machine's two cores).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MediaStoresCollection
{
    public const string Name = "Media stores";
}
