-- CreateTable
CREATE TABLE "IdentifiedUser" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "email" TEXT,
    "plan" TEXT,
    "interval" TEXT,
    "mrrCents" INTEGER,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdentifiedUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationCounter" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "code" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "ageMinSeconds" INTEGER,
    "ageMaxSeconds" INTEGER,

    CONSTRAINT "VerificationCounter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IdentifiedUser_projectId_lastSeenAt_idx" ON "IdentifiedUser"("projectId", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdentifiedUser_projectId_externalId_key" ON "IdentifiedUser"("projectId", "externalId");

-- CreateIndex
CREATE INDEX "VerificationCounter_projectId_bucketStart_idx" ON "VerificationCounter"("projectId", "bucketStart");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationCounter_projectId_bucketStart_code_key" ON "VerificationCounter"("projectId", "bucketStart", "code");

-- AddForeignKey
ALTER TABLE "IdentifiedUser" ADD CONSTRAINT "IdentifiedUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationCounter" ADD CONSTRAINT "VerificationCounter_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
