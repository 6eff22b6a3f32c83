package dev.omnivault.application.service;

import static dev.omnivault.application.service.ServiceFixture.CALLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The keeper's locking, shown with real threads: reads go on while a write waits on the disk,
 * a lock waits for the request in flight (the key is never zeroed under it), and no operation
 * leaves a lock held. The waits are bounded safety nets, not timing assertions.
 */
class VaultKeeperConcurrencyTest {

    private static final SecretPath PATH = SecretPath.of("api/key");

    private final ServiceFixture fixture = ServiceFixture.withLockedVault().unlocked();
    /** Own threads: the common pool may have a single thread on a 2-core machine. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private PutSecretCommand put() {
        return new PutSecretCommand(PATH, SecretValue.ofText("v"), Map.of(), Map.of(), CALLER);
    }

    @Test
    void aRead_proceedsWhileAWriteIsOnTheDisk() throws Exception {
        var writing = new CountDownLatch(1);
        var diskDone = new CountDownLatch(1);
        when(fixture.session.read(PATH)).thenReturn(Optional.empty());
        doAnswer(invocation -> {
                    writing.countDown();
                    assertTrue(diskDone.await(10, TimeUnit.SECONDS));
                    return null;
                })
                .when(fixture.session)
                .write(any());
        when(fixture.session.list("")).thenReturn(List.of());

        var write = CompletableFuture.runAsync(
                () -> new PutSecretService(fixture.keeper, fixture.audit, fixture.clock).put(put()), threads);
        assertTrue(writing.await(10, TimeUnit.SECONDS));

        var read = CompletableFuture.supplyAsync(
                () -> new ListSecretsService(fixture.keeper).list(ListSecretsQuery.all()), threads);
        assertEquals(List.of(), read.get(10, TimeUnit.SECONDS), "the list was answered during the write");
        assertFalse(write.isDone());

        diskDone.countDown();
        write.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLock_waitsForTheRequestInFlight_beforeZeroingTheKey() throws Exception {
        var reading = new CountDownLatch(1);
        var finishRead = new CountDownLatch(1);
        Secret secret = Secret.create(PATH, SecretValue.ofText("v"), Map.of(), Map.of(), fixture.clock.instant());
        when(fixture.session.read(PATH)).thenAnswer(invocation -> {
            reading.countDown();
            assertTrue(finishRead.await(10, TimeUnit.SECONDS));
            return Optional.of(secret);
        });

        var get = CompletableFuture.supplyAsync(
                () -> new GetSecretService(fixture.keeper, fixture.audit).get(new GetSecretQuery(PATH, CALLER)),
                threads);
        assertTrue(reading.await(10, TimeUnit.SECONDS));
        var lock =
                CompletableFuture.runAsync(() -> new LockVaultService(fixture.keeper, fixture.audit).lock(), threads);
        Thread.sleep(100); // give the lock a chance to (wrongly) go ahead
        verify(fixture.session, never()).close();
        assertFalse(lock.isDone());

        finishRead.countDown();
        get.get(10, TimeUnit.SECONDS);
        lock.get(10, TimeUnit.SECONDS);
        verify(fixture.session).close();
    }

    /** Runs {@code action} on a thread of its own (never a reused one, which a reentrant lock would let through). */
    private static void onNewThread(Runnable action) throws InterruptedException {
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                action.run();
            } catch (RuntimeException | AssertionError thrown) {
                failure.set(thrown);
            }
        });
        thread.join(10_000);
        assertFalse(thread.isAlive(), "blocked: a lock was left held");
        thread.interrupt();
        if (failure.get() instanceof RuntimeException runtime
                && !(runtime instanceof dev.omnivault.domain.VaultException)) {
            throw runtime;
        }
    }

    @Test
    void noOperation_leavesALockHeld() throws Exception {
        when(fixture.session.read(any())).thenReturn(Optional.empty());
        when(fixture.session.list(any())).thenReturn(List.of());
        var lock = new LockVaultService(fixture.keeper, fixture.audit);
        onNewThread(() -> new PutSecretService(fixture.keeper, fixture.audit, fixture.clock).put(put()));
        onNewThread(() -> new ListSecretsService(fixture.keeper).list(ListSecretsQuery.all()));
        onNewThread(() -> fixture.statusService().status());
        onNewThread(() -> fixture.keeper.isUnlocked());
        onNewThread(() -> fixture.keeper.touchIfUnlocked(dev.omnivault.domain.Activity.CHANGE_PASSPHRASE));
        onNewThread(() -> new EnforceAutoLockService(fixture.keeper).enforce());
        onNewThread(lock::lock);
        onNewThread(lock::lock);
        onNewThread(() -> fixture.keeper.installOpened(fixture.session));
        onNewThread(() -> fixture.keeper.installOpened(fixture.session));
        onNewThread(() -> new DeleteSecretService(fixture.keeper, fixture.audit)
                .delete(new dev.omnivault.application.port.in.DeleteSecretCommand(PATH, CALLER)));
        onNewThread(lock::lock);

        var fresh = ServiceFixture.withoutVault();
        onNewThread(() -> fresh.keeper.installCreated(fresh.session));
        onNewThread(() -> fresh.keeper.installCreated(fresh.session));
        onNewThread(() -> new LockVaultService(fresh.keeper, fresh.audit).lock());
    }

    @Test
    void installOpened_saysWhetherItTookTheSession() {
        var locked = ServiceFixture.withLockedVault();
        assertTrue(locked.keeper.installOpened(locked.session));
        assertFalse(locked.keeper.installOpened(locked.session), "a second unlock loses");
    }

    @Test
    void aVaultDueForLocking_viaAStatusOnAnotherThread_leavesNoLockHeld() throws Exception {
        fixture.clock.advance(java.time.Duration.ofMinutes(15));
        onNewThread(() -> fixture.statusService().status());
        onNewThread(() -> new LockVaultService(fixture.keeper, fixture.audit).lock());
    }

    @Test
    void aVaultDueForLocking_isLockedByTheNextRead_withoutDeadlock() throws Exception {
        fixture.clock.advance(java.time.Duration.ofMinutes(15));
        var status = CompletableFuture.supplyAsync(() -> fixture.statusService().status(), threads);
        assertTrue(status.get(10, TimeUnit.SECONDS).locked());
        verify(fixture.session).close();
    }
}
