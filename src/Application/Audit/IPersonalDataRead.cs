namespace PesanAI.Application.Audit;

/// <summary>What a read returned, for the access audit.</summary>
public sealed record DataAccess(Guid TenantId, string ResourceType, IReadOnlyList<string> ResourceIds);

/// <summary>A query that returns personal data; <see cref="DataAccessBehavior{TMessage, TResponse}"/> records every call.</summary>
public interface IPersonalDataRead<in TResponse>
{
    DataAccess DescribeAccess(TResponse result);
}
