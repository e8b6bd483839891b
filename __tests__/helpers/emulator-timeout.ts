// Emulator tests wait on the AWS provider's fixed delays (80 s to create a database, 60 s to delete one), and
// run side by side on a shared machine: a whole apply or destroy may take several minutes.
jest.setTimeout(15 * 60 * 1000);
