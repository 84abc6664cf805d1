namespace Moecraft.Tests.Infrastructure;

/// <summary>Retries an operation until it succeeds or a deadline passes, then fails with the last error.</summary>
public static class Eventually
{
    public static async Task<T> Succeeds<T>(Func<Task<T>> operation, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline)
            {
                _ = ex;
                await Task.Delay(250);
            }
            catch (Exception ex)
            {
                throw new TimeoutException($"{what} did not succeed within {timeout.TotalSeconds:0} s: {ex.Message}", ex);
            }
        }
    }
}
