-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "membershipVersion" INTEGER NOT NULL DEFAULT 0;
