namespace PesanAI.TestBed.Tests;

public sealed class DatabaseIsolationTests
{
    [Fact]
    public async Task Two_fixtures_get_differently_named_databases_that_do_not_see_each_others_tables()
    {
        var first = new PostgresDatabase();
        var second = new PostgresDatabase();
        await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync());
        try
        {
            await Sql.ExecuteAsync(first.ConnectionString, "CREATE TABLE only_in_first (id int)");

            Assert.NotEqual(first.DatabaseName, second.DatabaseName);
            Assert.True(await Sql.TableExistsAsync(first.ConnectionString, "only_in_first"));
            Assert.False(await Sql.TableExistsAsync(second.ConnectionString, "only_in_first"));
        }
        finally
        {
            await Task.WhenAll(first.DisposeAsync(), second.DisposeAsync());
        }
    }

    [Fact]
    public async Task Many_databases_created_at_once_all_exist_and_are_dropped_on_dispose()
    {
        var databases = Enumerable.Range(0, 8).Select(_ => new PostgresDatabase()).ToArray();

        await Task.WhenAll(databases.Select(database => database.InitializeAsync()));
        var created = await Task.WhenAll(databases.Select(database => ExistsAsync(database.DatabaseName)));
        await Task.WhenAll(databases.Select(database => database.DisposeAsync()));
        var remaining = await Task.WhenAll(databases.Select(database => ExistsAsync(database.DatabaseName)));

        Assert.All(created, Assert.True);
        Assert.All(remaining, Assert.False);
    }

    private static async Task<bool> ExistsAsync(string databaseName) =>
        await Sql.ScalarAsync<long>(
            await PostgresServer.GetAdminConnectionStringAsync(),
            $"SELECT count(*) FROM pg_database WHERE datname = '{databaseName}'") == 1;
}
