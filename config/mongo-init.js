/* global db */
// Runs once in the MongoDB container of docker-compose.yml, on an empty data volume (as root):
// the services' own user, with readWrite on their database and nothing else.
const dbName = process.env.MONGO_DB || 'ai_chef';
db.getSiblingDB(dbName).createUser({
  user: 'ai_chef',
  pwd: process.env.MONGO_APP_PASSWORD,
  roles: [{ role: 'readWrite', db: dbName }],
});
